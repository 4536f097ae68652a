namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>
/// Real time plus an offset the test moves forward: 30- and 90-day windows pass at once, while
/// timers, leases and retries (the outbox's, say) keep running on real time and never freeze.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
