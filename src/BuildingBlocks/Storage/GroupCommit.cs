using System.Threading.Channels;

namespace ProductCatalogOrders.BuildingBlocks.Storage;

/// <summary>
/// Group commit: requests that arrive together share one store transaction. The first request starts
/// a batch at once, so nothing waits when the service is idle; requests that arrive while a batch
/// commits are taken together by the next one, so under load one transaction carries many. Batches
/// run one at a time, which is also what a single-writer store like SQLite wants. When a batch
/// fails, its requests are retried one by one, so one bad request cannot fail the others.
/// </summary>
public sealed class GroupCommit<TRequest, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> _commit;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <param name="commit">Commits a batch in one transaction and returns one result per request, in order.</param>
    /// <param name="maxBatch">The most requests one transaction carries.</param>
    public GroupCommit(Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> commit, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _commit = commit;
        _maxBatch = maxBatch;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once the request's batch has committed. Cancelling stops the wait, not the commit.</summary>
    public Task<TResult> SubmitAsync(TRequest request, CancellationToken cancellationToken)
    {
        var pending = new Pending(request, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit<TRequest, TResult>), "The store writer has stopped.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop;
        while (_queue.Reader.TryRead(out var pending))
        {
            pending.Completion.TrySetCanceled();
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await CommitAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetCanceled();
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            var results = await _commit(batch.ConvertAll(p => p.Request), _stopping.Token);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception) when (batch.Count > 1 && !_stopping.IsCancellationRequested)
        {
            foreach (var pending in batch)
            {
                await CommitAsync([pending]);
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }
        }
    }

    private sealed record Pending(TRequest Request, TaskCompletionSource<TResult> Completion);
}
