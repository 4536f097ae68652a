using System.Diagnostics.Metrics;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.Telemetry;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>
/// The dangling resources the last reconciliation found, per service and resource type: the cache's
/// own copies (<c>product_replica</c>) and the local records that reference them (<c>catalog_item</c>,
/// <c>order_line</c>). How many, how long the oldest has been dangling, and what share of all such
/// resources they are. Nothing is measured before the first run.
/// </summary>
public sealed class DanglingMetrics
{
    public const string ReplicaResourceType = "product_replica";

    private readonly Reconciler _reconciler;
    private readonly TimeProvider _time;
    private readonly KeyValuePair<string, object?> _service;

    public DanglingMetrics(IMeterFactory meters, Reconciler reconciler, ConsumerIdentity consumer, TimeProvider time)
    {
        (_reconciler, _time, _service) = (reconciler, time, new(MetricAttributes.Service, consumer.Name));
        var meter = meters.Create(MetricNames.ReconciliationMeter);
        meter.CreateObservableGauge(MetricNames.DanglingResources, () => Measure(g => g.Count), "{resource}",
            "Resources whose product ProductService does not know, as the last reconciliation found them.");
        meter.CreateObservableGauge(MetricNames.DanglingOldestAge, () => Measure(g => g.OldestAgeSeconds), "s",
            "How long the oldest dangling resource has been reported.");
        meter.CreateObservableGauge(MetricNames.DanglingRatio, () => Measure(g => g.Ratio), "1",
            "Dangling resources as a share of all resources of the type.");
    }

    private IEnumerable<Measurement<double>> Measure(Func<DanglingFigures, double> figure) =>
        Figures().Select(f => new Measurement<double>(figure(f), _service, new(MetricAttributes.ResourceType, f.ResourceType)));

    private IEnumerable<DanglingFigures> Figures()
    {
        if (_reconciler.LastRun is not { } run)
        {
            yield break;
        }

        var dangling = _reconciler.Findings.Where(f => f.Kind == FindingKind.Dangling).ToList();
        var now = _time.GetUtcNow();
        var replicas = dangling.Where(f => f.CacheVersion is not null).ToList();
        yield return DanglingFigures.Of(ReplicaResourceType, replicas.Count, run.CachedProducts, replicas.Select(f => f.FirstSeenAt), now);

        var referencing = dangling.Where(f => f.References > 0).ToList();
        foreach (var (resourceType, total) in run.ReferencingRecords)
        {
            // With one referencing type per service (catalog items, order lines), every reference counted is of that type.
            yield return DanglingFigures.Of(resourceType, referencing.Sum(f => f.References), total, referencing.Select(f => f.FirstSeenAt), now);
        }
    }

    private sealed record DanglingFigures(string ResourceType, double Count, double OldestAgeSeconds, double Ratio)
    {
        public static DanglingFigures Of(string resourceType, int count, int total, IEnumerable<DateTimeOffset> firstSeen, DateTimeOffset now)
        {
            var oldest = firstSeen.DefaultIfEmpty(now).Min();
            return new(resourceType, count, Math.Max(0, (now - oldest).TotalSeconds), total == 0 ? 0 : (double)count / total);
        }
    }
}
