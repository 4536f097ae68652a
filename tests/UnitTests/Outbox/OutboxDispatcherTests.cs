using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.UnitTests.Outbox;

public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RecordingPublisher _publisher = new();
    private readonly OutboxSignal _signal = new();
    private readonly OutboxOptions _options = new() { PublishTimeout = TimeSpan.FromMilliseconds(200), BatchSize = 10 };
    private readonly ServiceProvider _services;

    public OutboxDispatcherTests()
    {
        _services = new ServiceCollection()
            .AddScoped(_ => _store.CreateContext(_signal))
            .BuildServiceProvider();
    }

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
    public async Task Row_leased_by_a_crashed_dispatcher_is_taken_over_when_the_lease_expires()
    {
        await CommitAsync(1);
        await using (var db = _store.CreateContext())
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

        async Task DrainAsync(OutboxDispatcher<TestDbContext> dispatcher)
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
    public async Task Commit_with_an_event_wakes_the_dispatcher()
    {
        var wake = _signal.WaitAsync(TimeSpan.FromMinutes(5), Cancel);
        Assert.False(wake.IsCompleted);

        await CommitAsync(1);

        Assert.Same(wake, await Task.WhenAny(wake, Task.Delay(TimeSpan.FromSeconds(10), Cancel)));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _store.DisposeAsync();
    }

    private OutboxDispatcher<TestDbContext> Dispatcher() => new(
        _services.GetRequiredService<IServiceScopeFactory>(), _publisher, _signal, Options.Create(_options), _time,
        NullLogger<OutboxDispatcher<TestDbContext>>.Instance);

    private async Task<List<ProductDecommissioned>> CommitAsync(int count)
    {
        var productId = Guid.NewGuid();
        var events = Enumerable.Range(1, count)
            .Select(v => new ProductDecommissioned(productId, v, _time.GetUtcNow(), new ProductState("SKU-1", "Apple", 1.5m, ProductStatus.Decommissioning)))
            .ToList();
        await using var db = _store.CreateContext(_signal);
        foreach (var e in events)
        {
            db.Enqueue(e, _time.GetUtcNow());
        }

        await db.SaveChangesAsync(Cancel);
        return events;
    }

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var db = _store.CreateContext();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync(Cancel);
    }

    private async Task<int> PendingAsync()
    {
        await using var db = _store.CreateContext();
        return await db.OutboxMessages.CountAsync(m => m.DispatchedAt == null, Cancel);
    }
}
