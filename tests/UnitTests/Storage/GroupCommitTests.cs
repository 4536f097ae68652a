using System.Collections.Concurrent;
using ProductCatalogOrders.BuildingBlocks.Storage;

namespace ProductCatalogOrders.UnitTests.Storage;

public sealed class GroupCommitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lone_request_commits_at_once_in_a_batch_of_its_own()
    {
        var batches = new ConcurrentQueue<int>();
        await using var commits = new GroupCommit<int, int>((requests, _) =>
        {
            batches.Enqueue(requests.Count);
            return Task.FromResult<IReadOnlyList<int>>([.. requests.Select(r => r * 10)]);
        }, maxBatch: 8);

        Assert.Equal(70, await commits.SubmitAsync(7, Cancel));
        Assert.Equal([1], batches);
    }

    [Fact]
    public async Task Requests_that_arrive_during_a_commit_share_the_next_one()
    {
        var batches = new ConcurrentQueue<IReadOnlyList<int>>();
        var firstCommitRunning = new TaskCompletionSource();
        var releaseFirstCommit = new TaskCompletionSource();
        await using var commits = new GroupCommit<int, int>(async (requests, _) =>
        {
            batches.Enqueue(requests);
            if (batches.Count == 1)
            {
                firstCommitRunning.SetResult();
                await releaseFirstCommit.Task;
            }

            return [.. requests.Select(r => r * 10)];
        }, maxBatch: 4);

        var first = commits.SubmitAsync(0, Cancel);
        await firstCommitRunning.Task;
        var waiting = Enumerable.Range(1, 6).Select(r => commits.SubmitAsync(r, Cancel)).ToList();
        releaseFirstCommit.SetResult();

        var results = await Task.WhenAll([first, .. waiting]);
        Assert.Equal([0, 10, 20, 30, 40, 50, 60], results);
        Assert.Equal([[0], [1, 2, 3, 4], [5, 6]], batches.Select(b => b.ToArray()));
    }

    [Fact]
    public async Task A_failing_request_fails_alone_and_the_rest_of_its_batch_commits()
    {
        var gate = new TaskCompletionSource();
        var calls = 0;
        await using var commits = new GroupCommit<int, int>(async (requests, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await gate.Task; // hold the first commit so the next three arrive together
            }

            return requests.Contains(13) ? throw new InvalidOperationException("unlucky") : [.. requests.Select(r => r * 10)];
        }, maxBatch: 8);

        var first = commits.SubmitAsync(1, Cancel);
        var batch = new[] { 12, 13, 14 }.Select(r => commits.SubmitAsync(r, Cancel)).ToList();
        gate.SetResult();

        Assert.Equal(10, await first);
        Assert.Equal(120, await batch[0]);
        Assert.Equal("unlucky", (await Assert.ThrowsAsync<InvalidOperationException>(() => batch[1])).Message);
        Assert.Equal(140, await batch[2]);
    }
}
