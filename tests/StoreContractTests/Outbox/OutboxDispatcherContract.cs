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
    private ServiceProvider? _services;

    /// <summary>Why this provider cannot be tested here (no engine for its server); null to run.</summary>
    protected virtual string? SkipReason => null;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Committed_events_are_published_in_order_and_marked_dispatched()
    {
        var events = await CommitAsync(3);

        Assert.Equal(3, await Dispatcher().DispatchPendingAsync(Cancel));

        Assert.Equal(events.Select(e => e.Version), _publisher.Confirmed.Select(c => ((ProductDecommissioned)c.Message).Version));
        var rows = await RowsAsync();
        Assert.All(rows, r => Assert.NotNull(r.DispatchedAt));
        Assert.Equal(rows.Select(r => r.MessageId), _publisher.Confirmed.Select(c => c.MessageId));
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
    public async Task Events_behind_a_failure_wait_and_keep_their_order()
    {
        var events = await CommitAsync(3);
        _publisher.Failure = m => ((ProductDecommissioned)m).Version == events[1].Version ? new IOException("connection reset") : null;

        Assert.Equal(1, await Dispatcher().DispatchPendingAsync(Cancel));

        _publisher.Failure = _ => null;
        _time.Advance(_options.MaxRetryDelay);
        Assert.Equal(2, await Dispatcher().DispatchPendingAsync(Cancel));
        Assert.Equal(events.Select(e => e.Version), _publisher.Confirmed.Select(c => ((ProductDecommissioned)c.Message).Version));
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
        Assert.Equal(events.Select(e => e.Version), _publisher.Confirmed.Select(c => ((ProductDecommissioned)c.Message).Version));
        var parked = (await RowsAsync())[0];
        Assert.Null(parked.DispatchedAt); // kept, with its error, for an operator
        Assert.StartsWith("parked:", parked.LastError);
        _time.Advance(TimeSpan.FromDays(365));
        Assert.Equal(0, await Dispatcher().DispatchPendingAsync(Cancel));
    }

    [Fact]
    public async Task Batch_stops_before_its_lease_could_run_out()
    {
        _options.Lease = TimeSpan.FromSeconds(1);
        _options.PublishTimeout = TimeSpan.FromMilliseconds(200);
        _publisher.DuringPublish = () => _time.Advance(TimeSpan.FromMilliseconds(450)); // a slow broker
        await CommitAsync(5);

        var first = await Dispatcher().DispatchPendingAsync(Cancel);

        Assert.Equal(2, first); // publishes start at 0 and 450 ms; at 900 ms a 200 ms publish could outlive the 1 s lease
        var handedBack = (await RowsAsync()).Where(r => r.DispatchedAt is null).ToList();
        Assert.Equal(3, handedBack.Count);
        Assert.All(handedBack, r => Assert.Null(r.LeaseOwner));
        _publisher.DuringPublish = () => { };
        Assert.Equal(3, await Dispatcher().DispatchPendingAsync(Cancel));
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
        var first = Dispatcher();
        var second = Dispatcher();

        async Task DrainAsync(OutboxDispatcher<ProductsDbContext> dispatcher)
        {
            while (await PendingAsync() > 0)
            {
                await dispatcher.DispatchPendingAsync(Cancel);
            }
        }

        await Task.WhenAll(Task.Run(() => DrainAsync(first), Cancel), Task.Run(() => DrainAsync(second), Cancel));

        Assert.Equal(count, _publisher.Confirmed.Count);
        Assert.Equal(count, _publisher.Confirmed.Select(c => c.MessageId).Distinct().Count());
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

    private OutboxDispatcher<ProductsDbContext> Dispatcher() => new(
        _services!.GetRequiredService<IServiceScopeFactory>(), _publisher, _signal,
        new OutboxTelemetry(_services!.GetRequiredService<IMeterFactory>()), Options.Create(_options), _time,
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
