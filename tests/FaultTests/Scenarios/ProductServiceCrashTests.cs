using System.Diagnostics;
using ProductCatalogOrders.FaultTests.Infrastructure;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.FaultTests.Scenarios;

/// <summary>
/// kill -9 ProductService during a burst of decommissions, at a moment outbox rows are committed and
/// still unpublished. The outbox lease is short (2 s) and renewed, so the dead dispatcher's rows go out within
/// seconds: from the restarted process, or from a second live instance on the same database.
/// </summary>
[Collection(SharedSystemCollection.Name)]
public sealed class ProductServiceCrashTests(SharedSystem shared, FaultTable table)
{
    private const int Burst = 600;

    // With a second dispatcher draining the same outbox, a burst needs to be larger to leave rows behind.
    private const int TakeoverBurst = 1200;
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(5);

    private FaultSystem System => shared.System;

    [Fact]
    public async Task Rows_of_a_killed_ProductService_are_published_by_the_restarted_one_within_5_s()
    {
        var scenario = await Scenario.BeginAsync("kill -9 ProductService mid-burst, restarted", System, table);
        var (sinceKill, pendingAtKill, attempts) = await KillWithRowsLeftAsync(scenario, "crash", Burst, concurrency: 32, via: null);
        await System.Product.RestartAsync(cancellationToken: Scenario.Cancellation);
        var healthy = sinceKill.Elapsed;
        var published = await OutboxEmptyAsync(sinceKill) - healthy;

        var row = await scenario.EndAsync(sinceKill,
            $"{pendingAtKill} rows unpublished at the kill{Attempts(attempts)}; healthy {healthy.TotalSeconds:0.0} s after it; published {published.TotalSeconds:0.0} s after healthy");
        Assert.True(published <= RecoveryLimit, $"the restarted ProductService published the dead one's rows {published.TotalSeconds:0.0} s after it was healthy; the limit is {RecoveryLimit.TotalSeconds:0} s");
        table.Amend(row, $"converged {(row.ConvergedIn - healthy).TotalSeconds:0.0} s after healthy");
    }

    [Fact]
    public async Task Two_instances_on_one_database_lose_nothing_and_a_live_one_publishes_a_killed_ones_rows_within_5_s()
    {
        // Two dispatchers claiming rows of one outbox through leases: every event goes out, none is lost.
        var contention = await Scenario.BeginAsync("two ProductService instances, one database (outbox lease contention)", System, table);
        var ids = await contention.PrepareProductsAsync("dispatchers", 300);
        var first = System.Api.Product;
        await using var second = await System.Product.StartAnotherInstanceAsync(FreePort.Next(), Scenario.Cancellation);
        using var secondClient = System.Api.Client(second.BaseAddress);
        try
        {
            var staleBefore = await ServiceMetrics.ReplicaEventsAsync(System.Api, System.Order, "IgnoredStale", Scenario.Cancellation);
            var since = Stopwatch.StartNew();
            await System.Api.DecommissionAsync(ids.Take(300), Scenario.Cancellation, concurrency: 32, via: i => i % 2 == 0 ? first : secondClient);
            var row = await contention.EndAsync(since, "300 decommissions, every other one through each instance");
            var stale = await ServiceMetrics.ReplicaEventsAsync(System.Api, System.Order, "IgnoredStale", Scenario.Cancellation) - staleBefore;
            table.Amend(row, $"Order ignored {stale} events as already applied (a row published twice)");

            // Then a burst through the first, kill -9 it: the live second instance takes its rows over.
            var takeover = await Scenario.BeginAsync("kill -9 ProductService mid-burst, second instance live", System, table);
            var (sinceKill, pendingAtKill, attempts) = await KillWithRowsLeftAsync(takeover, "takeover", TakeoverBurst, concurrency: 64, via: _ => first);

            // ProductService's snapshot now comes from the instance that lives.
            System.Api.Product = secondClient;
            var published = await OutboxEmptyAsync(sinceKill);
            await takeover.EndAsync(sinceKill, $"{pendingAtKill} rows unpublished at the kill{Attempts(attempts)}; all published by the live instance {published.TotalSeconds:0.0} s after it");
            Assert.True(published <= RecoveryLimit, $"the live instance published the dead one's rows {published.TotalSeconds:0.0} s after the kill; the limit is {RecoveryLimit.TotalSeconds:0} s");
        }
        finally
        {
            System.Api.Product = first;
            await System.Product.RestartAsync(cancellationToken: Scenario.Cancellation);
        }
    }

    /// <summary>
    /// Prepares a burst's products and kills the first ProductService during it, until the kill leaves
    /// committed rows unpublished (at most three bursts). The dispatchers keep up with the callers, so a
    /// row waits only milliseconds between its commit and its publish, and a kill can fall between two
    /// commits with nothing left: then the killed instance is restarted and the next burst tried. Those
    /// events count in the scenario like the rest. Returns the stopwatch started at the kill that left
    /// rows, the number it left, and how many bursts it took.
    /// </summary>
    private async Task<(Stopwatch SinceKill, long PendingAtKill, int Attempts)> KillWithRowsLeftAsync(
        Scenario scenario, string tag, int burst, int concurrency, Func<int, HttpClient>? via)
    {
        const int MaxAttempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var ids = await scenario.PrepareProductsAsync($"{tag}-{attempt}", burst);
            var (sinceKill, pendingAtKill) = await KillDuringBurstAsync(ids, concurrency, via);
            if (pendingAtKill > 0)
            {
                return (sinceKill, pendingAtKill, attempt);
            }

            Assert.True(attempt < MaxAttempts, $"in {MaxAttempts} bursts the kill came after every row was published: nothing was left for a dispatcher to recover");
            await System.Product.RestartAsync(cancellationToken: Scenario.Cancellation);
        }
    }

    private static string Attempts(int attempts) => attempts == 1 ? "" : $" (burst {attempts}: the kills before left none)";

    /// <summary>
    /// Sends the burst through the first ProductService and kills it while calls are still coming in,
    /// as soon as the outbox holds a committed row not yet published. The dispatcher keeps up with the
    /// callers, so a row waits only in the milliseconds after its commit: a kill after the burst's last
    /// answer can find none left. Calls cut by the kill fail; what ProductService committed is what the
    /// caches are held against. Returns a stopwatch started at the kill and the rows left unpublished,
    /// counted at once: a live second instance starts taking unleased rows over at its next poll.
    /// </summary>
    private async Task<(Stopwatch SinceKill, long PendingAtKill)> KillDuringBurstAsync(IReadOnlyList<Guid> ids, int concurrency, Func<int, HttpClient>? via)
    {
        using var calls = CancellationTokenSource.CreateLinkedTokenSource(Scenario.Cancellation);
        var burst = System.Api.DecommissionAsync(ids, calls.Token, concurrency, via);

        // A part of the burst goes in first, then the kill comes at the first unpublished row seen.
        var started = Stopwatch.StartNew();
        while (!burst.IsCompleted && started.Elapsed < TimeSpan.FromMilliseconds(300))
        {
            await Task.Delay(10, Scenario.Cancellation);
        }

        while (!burst.IsCompleted && (await Convergence.OutboxAsync(System.ProductsDatabase, Scenario.Cancellation)).Pending == 0)
        {
        }

        await System.Product.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        var (_, pendingAtKill) = await Convergence.OutboxAsync(System.ProductsDatabase, Scenario.Cancellation);
        await calls.CancelAsync();
        try
        {
            await burst;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !Scenario.Cancellation.IsCancellationRequested)
        {
            // Calls in flight at the kill, or not sent after it.
        }

        return (sinceKill, pendingAtKill);
    }

    /// <summary>Polls the outbox until no row waits for the broker; returns the time since <paramref name="since"/>.</summary>
    private async Task<TimeSpan> OutboxEmptyAsync(Stopwatch since)
    {
        while (true)
        {
            var (_, pending) = await Convergence.OutboxAsync(System.ProductsDatabase, Scenario.Cancellation);
            if (pending == 0)
            {
                return since.Elapsed;
            }

            if (since.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"{pending} outbox rows still unpublished 60 s after the kill.");
            }

            await Task.Delay(50, Scenario.Cancellation);
        }
    }
}
