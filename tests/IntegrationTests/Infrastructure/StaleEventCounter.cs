using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.InProcessHosting;

namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the events a service's consumers ignored as stale, from its own metric, so a test can
/// wait until replayed events were really consumed before asserting that they changed nothing.
/// </summary>
public sealed class StaleEventCounter(ServiceHost service) : IDisposable
{
    private readonly MetricCollector<long> _events = new(
        service.Services.GetRequiredService<IMeterFactory>(), ReplicaMetrics.MeterName, ReplicaMetrics.EventsCounterName);

    public long Count => _events.GetMeasurementSnapshot()
        .Where(m => Equals(m.Tags.GetValueOrDefault("change"), nameof(ReplicaChange.IgnoredStale)))
        .Sum(m => m.Value);

    public Task WaitForAsync(int events) =>
        Eventually.MatchAsync(() => Task.FromResult(Count), n => n >= events, $"{service.Name} has ignored {events} stale event(s)");

    public void Dispose() => _events.Dispose();
}
