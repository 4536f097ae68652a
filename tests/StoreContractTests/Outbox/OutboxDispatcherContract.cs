using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ProductService.Products;
using ProductCatalogOrders.ProductService.Storage;
using ProductCatalogOrders.StoreContractTests.Fixtures;

namespace ProductCatalogOrders.StoreContractTests.Outbox;

/// <summary>
/// What the outbox must do on every relational provider, run on ProductService's real model and
/// migrations: publish committed events in order until the broker confirms, keep failures pending,
/// and let several dispatchers share one table without publishing a row twice concurrently.
/// </summary>
public abstract class OutboxDispatcherContract<TContext> : IAsyncLifetime where TContext : ProductsDbContext
{
    private MigratedDatabase<TContext>? _database;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RecordingPublisher _publisher = new();
    private readonly OutboxSignal _signal = new();
    private readonly OutboxOptions _options = new() { PublishTimeout = TimeSpan.FromMilliseconds(200), BatchSize = 10 };

    /// <summary>
    /// For the tests where confirmations are shuffled and slow on purpose: a busy machine must not turn them
    /// into timeouts, since the clock does not move and a failed row would never come due again.
    /// </summary>
    private static OutboxOptions Patient => new() { PublishTimeout = TimeSpan.FromSeconds(10), BatchSize = 10 };
    private ServiceProvider? _services;

    /// <summary>Why this provider cannot be tested here (no engine for its server); null to run.</summary>
    protected virtual string? SkipReason => null;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Committed_events_are_published_as_one_batch_and_marked_dispatched()
    {
        var events = await CommitAsync(3);
        _publisher.HoldConfirmations(3); // the broker confirms only once all three are in flight together

        Assert.Equal(3, await Dispatcher().DispatchPendingAsync(Cancel));

        Assert.Equal(events.Select(e => e.Version).Order(), _publisher.Confirmed.Select(c => ((ProductDecommissioned)c.Message).Version).Order());
        var rows = await RowsAsync();
        Assert.All(rows, r => Assert.NotNull(r.DispatchedAt));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.Equal(rows.Select(r => r.MessageId).Order(), _publisher.Confirmed.Select(c => c.MessageId).Order());
    }

    [Fact]
    public async Task Published_payload_round_trips_the_event()
    {
        var events = await CommitAsync(1);

        await Dispatcher().DispatchPendingAsync(Cancel);

        Assert.Equal(events[0], Assert.Single(_publisher.Confirmed).Message);
    }

    [Fact]
    public async Task Failed_publish_keeps_the_event_pending_and_retries_after_the_delay()
    {
        await CommitAsync(1);
        _publisher.Failure = _ => new InvalidOperationException("broker unreachable");

        Assert.Equal(0, await Dispatcher().DispatchPendingAsync(Cancel));

        var row = Assert.Single(await RowsAsync());
        Assert.Null(row.DispatchedAt);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("broker unreachable", row.LastError);

        _publisher.Failure = _ => null;
        Assert.Equal(0, await Dispatcher().DispatchPendingAsync(Cancel)); // still inside the retry delay
        _time.Advance(_options.RetryDelay(1));
        Assert.Equal(1, await Dispatcher().DispatchPendingAsync(Cancel));
        Assert.NotNull(Assert.Single(await RowsAsync()).DispatchedAt);
    }

    [Fact]
    public async Task Broker_that_never_confirms_times_out_and_loses_nothing()
    {
        await CommitAsync(2);
        _publisher.NeverConfirm = true;

        Assert.Equal(0, await Dispatcher().DispatchPendingAsync(Cancel));

        var rows = await RowsAsync();
        Assert.All(rows, r => Assert.Null(r.DispatchedAt));
        Assert.Contains("did not confirm", rows[0].LastError);
        Assert.Empty(_publisher.Confirmed);
    }

    [Fact]
    public async Task A_failed_row_waits_for_its_retry_while_the_rest_of_its_batch_goes_out()
    {
        var events = await CommitAsync(3);
        _publisher.Failure = m => ((ProductDecommissioned)m).Version == events[1].Version ? new IOException("connection reset") : null;

        Assert.Equal(2, await Dispatcher().DispatchPendingAsync(Cancel));

        var failed = Assert.Single(await RowsAsync(), r => r.DispatchedAt is null);
        Assert.Equal((1, (Guid?)null), (failed.Attempts, failed.LeaseOwner));
        Assert.Contains("connection reset", failed.LastError);
        _publisher.Failure = _ => null;
        Assert.Equal(0, await Dispatcher().DispatchPendingAsync(Cancel));
        _time.Advance(_options.RetryDelay(1));
        Assert.Equal(1, await Dispatcher().DispatchPendingAsync(Cancel));
        Assert.Equal(events.Select(e => e.Version).Order(), _publisher.Confirmed.Select(c => ((ProductDecommissioned)c.Message).Version).Order());
    }

    [Fact]
    public async Task Row_that_cannot_be_decoded_is_parked_and_does_not_hold_up_the_others()
    {
        await using (var db = _database!.Open())
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                MessageId = Guid.NewGuid(), MessageType = "ProductCatalogOrders.Contracts.ProductRenamedLongAgo", Payload = "{}", CreatedAt = _time.GetUtcNow(),
            });
            await db.SaveChangesAsync(Cancel);
        }

        var events = await CommitAsync(2);

        Assert.Equal(2, await Dispatcher().DispatchPendingAsync(Cancel));
        Assert.Equal(events.Select(e => e.Version).Order(), _publisher.Confirmed.Select(c => ((ProductDecommissioned)c.Message).Version).Order());
        var parked = (await RowsAsync())[0];
        Assert.Null(parked.DispatchedAt); // kept, with its error, for an operator
        Assert.StartsWith("parked:", parked.LastError);
        _time.Advance(TimeSpan.FromDays(365));
        Assert.Equal(0, await Dispatcher().DispatchPendingAsync(Cancel));
    }

    [Fact]
    public async Task A_slow_broker_keeps_the_batch_leased_so_no_other_dispatcher_takes_it()
    {
        // Real time here: the point is that renewals keep up with a lease that really runs out.
        // Long enough that a busy test machine still renews in time (every Lease/4: a renewal may come 1.8 s
        // late; with 1.2 s, test assemblies starting side by side in CI once delayed one past the lease),
        // short enough to run out twice over while the rival keeps trying.
        var options = new OutboxOptions { Lease = TimeSpan.FromMilliseconds(2400), BatchSize = 10 };
        await CommitAsync(5);
        _publisher.HoldConfirmations(int.MaxValue); // confirms nothing until released
        var slow = Dispatcher(TimeProvider.System, options).DispatchPendingAsync(Cancel);
        await Eventually.TrueAsync(() => _publisher.InFlight == 5, "the whole batch is in flight");

        var owner = (await RowsAsync()).Select(r => r.LeaseOwner).Distinct().Single();
        var owners = new HashSet<Guid?>();
        var rival = Dispatcher(TimeProvider.System, options);
        var until = DateTime.UtcNow + 2 * options.Lease;
        while (DateTime.UtcNow < until)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            attempt.CancelAfter(100); // a rival that did claim rows would hang on the held broker
            try
            {
                await rival.DispatchPendingAsync(attempt.Token);
            }
            catch (OperationCanceledException) when (!Cancel.IsCancellationRequested)
            {
            }

            owners.UnionWith((await RowsAsync()).Select(r => r.LeaseOwner));
        }

        _publisher.ReleaseConfirmations();
        Assert.Equal([owner], owners);
        Assert.Equal(5, await slow);
        Assert.Equal(5, _publisher.Confirmed.Count);
        Assert.All(await RowsAsync(), r => Assert.Equal(1, r.Attempts));
    }

    [Fact]
    public async Task Leases_are_short_enough_that_a_dead_dispatchers_rows_go_out_within_five_seconds()
    {
        var defaults = new OutboxOptions();

        Assert.True(defaults.Lease + defaults.PollInterval <= TimeSpan.FromSeconds(4), $"lease {defaults.Lease} + poll {defaults.PollInterval}");
        Assert.True(defaults.LeaseRenewalInterval < defaults.Lease / 2, "a renewal comes well before the lease runs out");
    }

    [Fact]
    public async Task Row_leased_by_a_crashed_dispatcher_is_taken_over_when_the_lease_expires()
    {
        await CommitAsync(1);
        await using (var db = _database!.Open())
        {
            var leasedUntil = _time.GetUtcNow().Add(_options.Lease).ToUnixTimeMilliseconds();
            await db.OutboxMessages.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.LeaseOwner, Guid.NewGuid()).SetProperty(m => m.LeasedUntil, leasedUntil), Cancel);
        }

        Assert.Equal(0, await Dispatcher().DispatchPendingAsync(Cancel));
        _time.Advance(_options.Lease);
        Assert.Equal(1, await Dispatcher().DispatchPendingAsync(Cancel));
    }

    [Fact]
    public async Task Two_dispatchers_on_one_store_publish_every_event_exactly_once()
    {
        const int count = 120;
        await CommitAsync(count);
        _publisher.Shuffle = true; // batches take a while, so the two overlap
        var first = Dispatcher(options: Patient);
        var second = Dispatcher(options: Patient);

        await Task.WhenAll(Task.Run(() => DrainAsync(first), Cancel), Task.Run(() => DrainAsync(second), Cancel));

        Assert.Equal(count, _publisher.Confirmed.Count);
        Assert.Equal(count, _publisher.Confirmed.Select(c => c.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Replicas_end_equal_to_the_source_whatever_the_publish_order()
    {
        var replica = new VersionGatedReplica();
        _publisher.Shuffle = true;
        _publisher.OnConfirm = message => replica.Apply((ProductDecommissioned)message);
        var source = new Dictionary<Guid, long>();
        for (var product = 0; product < 6; product++)
        {
            var events = await CommitAsync(25);
            source[events[0].ProductId] = events[^1].Version;
        }

        var first = Dispatcher(options: Patient);
        var second = Dispatcher(options: Patient);
        await Task.WhenAll(
            Task.Run(() => DrainAsync(first), Cancel),
            Task.Run(() => DrainAsync(second), Cancel));

        Assert.Equal(source, replica.Versions);
        Assert.True(replica.IgnoredStale > 0, "the shuffled publishes reached the replica out of order at least once");
    }

    [Fact]
    public async Task Pruning_deletes_dispatched_rows_past_retention_and_keeps_the_rest()
    {
        await CommitAsync(3);
        await Dispatcher().DispatchPendingAsync(Cancel);
        _time.Advance(_options.Retention + TimeSpan.FromMinutes(1));
        await CommitAsync(2); // dispatched, but recent
        await Dispatcher().DispatchPendingAsync(Cancel);
        _publisher.Failure = _ => new IOException("broker down");
        await CommitAsync(1); // pending
        await Dispatcher().DispatchPendingAsync(Cancel);
        var before = await RowsAsync();

        var pruned = await Pruner().PruneAsync(Cancel);

        Assert.Equal(3, pruned);
        var after = await RowsAsync();
        Assert.Equal(before.Skip(3).Select(r => r.Sequence), after.Select(r => r.Sequence));
        Assert.Single(after, r => r.DispatchedAt is null);
        Assert.Equal(0, await Pruner().PruneAsync(Cancel));
    }

    [Fact]
    public async Task Publish_continues_the_trace_of_the_request_that_committed_the_event()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OutboxTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        ActivityTraceId requestTrace;
        using (var request = new Activity("POST /products/{id}/decommission").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            requestTrace = request.TraceId;
            await CommitAsync(1);
        }

        await Dispatcher().DispatchPendingAsync(Cancel);

        Assert.Equal(requestTrace, Assert.Single(_publisher.Confirmed).TraceId);
    }

    [Fact]
    public async Task Commit_with_an_event_wakes_the_dispatcher()
    {
        var wake = _signal.WaitAsync(TimeSpan.FromMinutes(5), Cancel);
        Assert.False(wake.IsCompleted);

        await CommitAsync(1);

        Assert.Same(wake, await Task.WhenAny(wake, Task.Delay(TimeSpan.FromSeconds(10), Cancel)));
    }

    public async ValueTask InitializeAsync()
    {
        if (SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        _database = await CreateDatabaseAsync();
        _services = new ServiceCollection()
            .AddMetrics()
            .AddScoped<ProductsDbContext>(_ => _database.Open(_signal))
            .BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected abstract Task<MigratedDatabase<TContext>> CreateDatabaseAsync();

    private OutboxPruner<ProductsDbContext> Pruner() => new(
        _services!.GetRequiredService<IServiceScopeFactory>(), Options.Create(_options), _time, NullLogger<OutboxPruner<ProductsDbContext>>.Instance);

    private OutboxDispatcher<ProductsDbContext> Dispatcher(TimeProvider? time = null, OutboxOptions? options = null) => new(
        _services!.GetRequiredService<IServiceScopeFactory>(), _publisher, _signal,
        new OutboxTelemetry(_services!.GetRequiredService<IMeterFactory>()), Options.Create(options ?? _options), time ?? _time,
        NullLogger<OutboxDispatcher<ProductsDbContext>>.Instance);

    private async Task<List<ProductDecommissioned>> CommitAsync(int count)
    {
        var productId = Guid.NewGuid();
        var events = Enumerable.Range(1, count)
            .Select(v => new ProductDecommissioned(productId, v, _time.GetUtcNow(), new ProductState("SKU-1", "Apple", 1.5m, ProductStatus.Decommissioning)))
            .ToList();
        await using var db = _database!.Open(_signal);
        foreach (var e in events)
        {
            db.Enqueue(e, _time.GetUtcNow());
        }

        await db.SaveChangesAsync(Cancel);
        return events;
    }

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var db = _database!.Open();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync(Cancel);
    }

    /// <summary>
    /// Dispatches until nothing is pending. Bounded: the clock here does not move, so a row that failed
    /// or whose lease was lost would never come due again, and the test must say so rather than spin.
    /// </summary>
    private async Task DrainAsync(OutboxDispatcher<ProductsDbContext> dispatcher)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await PendingAsync() > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                var stuck = (await RowsAsync()).Where(r => r.DispatchedAt is null)
                    .Select(r => $"#{r.Sequence} attempts {r.Attempts}, lease {r.LeaseOwner}, error {r.LastError}");
                Assert.Fail($"Rows still pending after 30 s: {string.Join("; ", stuck)}");
            }

            if (await dispatcher.DispatchPendingAsync(Cancel) == 0)
            {
                await Task.Delay(5, Cancel); // the other dispatcher holds the rest
            }
        }
    }

    private async Task<int> PendingAsync()
    {
        await using var db = _database!.Open();
        return await db.OutboxMessages.CountAsync(m => m.DispatchedAt == null, Cancel);
    }
}

public sealed class SqliteOutboxDispatcherTests : OutboxDispatcherContract<SqliteProductsDbContext>
{
    protected override Task<MigratedDatabase<SqliteProductsDbContext>> CreateDatabaseAsync() => MigratedDatabase<SqliteProductsDbContext>.SqliteAsync();
}

public sealed class SqlServerOutboxDispatcherTests(SqlServerServer server) : OutboxDispatcherContract<SqlServerProductsDbContext>
{
    protected override string? SkipReason => server.SkipReason;

    protected override Task<MigratedDatabase<SqlServerProductsDbContext>> CreateDatabaseAsync() =>
        MigratedDatabase<SqlServerProductsDbContext>.SqlServerAsync(server);
}
