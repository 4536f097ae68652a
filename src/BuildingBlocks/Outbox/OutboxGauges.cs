using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.Telemetry;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>
/// What the outbox holds, as gauges read from its table: events waiting to be published (the
/// backlog), parked rows that wait for an operator, and the age of the oldest waiting event (the
/// one number that says whether consumers are being kept waiting). Three cheap queries on the
/// partial index of pending rows, at most once per <see cref="TelemetryOptions.StoreGaugeMaxAge"/>.
/// A hosted service only so that the gauges exist from start-up.
/// </summary>
public sealed class OutboxGauges<TContext> : IHostedService
    where TContext : DbContext, IOutboxContext
{
    private readonly CachedReading<OutboxReading> _reading;
    private readonly TimeProvider _time;

    public OutboxGauges(
        IMeterFactory meterFactory, IServiceScopeFactory scopes, ConsumerIdentity service, IOptions<TelemetryOptions> options, TimeProvider time)
    {
        _time = time;
        _reading = new CachedReading<OutboxReading>(() => Read(scopes), options.Value.StoreGaugeMaxAge, time);
        var meter = meterFactory.Create(MetricNames.OutboxMeter);
        var tag = new KeyValuePair<string, object?>(MetricAttributes.Service, service.Name);
        meter.CreateObservableGauge(MetricNames.OutboxBacklog, _reading.Gauge(r => r.Pending, tag), "{event}",
            "Events committed and not yet confirmed by the broker, parked rows excluded.");
        meter.CreateObservableGauge(MetricNames.OutboxParked, _reading.Gauge(r => r.Parked, tag), "{event}",
            "Events that could not be decoded and wait for an operator (GET /outbox/parked).");
        meter.CreateObservableGauge(MetricNames.OutboxOldestUnpublishedAge, _reading.Gauge(OldestAgeSeconds, tag), "s",
            "Age of the oldest event waiting to be published, parked rows excluded; 0 when none waits.");
    }

    private double OldestAgeSeconds(OutboxReading reading) =>
        reading.OldestPendingCreatedAt is { } createdAt ? Math.Max(0, (_time.GetUtcNow() - createdAt).TotalSeconds) : 0;

    private static OutboxReading Read(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var rows = scope.ServiceProvider.GetRequiredService<TContext>().OutboxMessages.AsNoTracking();
        var pending = rows.Where(m => m.DispatchedAt == null && m.LeasedUntil != OutboxMessage.ParkedLease);
        return new OutboxReading(
            pending.Count(),
            rows.Count(m => m.DispatchedAt == null && m.LeasedUntil == OutboxMessage.ParkedLease),
            // Sequence order is commit order, so the first pending row is the oldest, read from the index.
            pending.OrderBy(m => m.Sequence).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefault());
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record OutboxReading(int Pending, int Parked, DateTimeOffset? OldestPendingCreatedAt);
}
