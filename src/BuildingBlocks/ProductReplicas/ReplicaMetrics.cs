using System.Diagnostics.Metrics;
using ProductCatalogOrders.BuildingBlocks.Telemetry;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>
/// How product events land in this service's replica: how many were applied or ignored as stale,
/// and how long after the change in ProductService they were applied.
/// </summary>
public sealed class ReplicaMetrics
{
    public const string MeterName = MetricNames.ReplicaMeter;
    public const string EventsCounterName = MetricNames.ReplicaEvents;
    public const string LagHistogramName = MetricNames.ReplicaPropagationLag;

    private readonly Counter<long> _events;
    private readonly Histogram<double> _lag;

    public ReplicaMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _events = meter.CreateCounter<long>(EventsCounterName, "{event}", "Product events received, by event type and what they changed.");
        _lag = meter.CreateHistogram(LagHistogramName, "s", "From the change in ProductService to its application here.", advice: LatencyBuckets.Seconds);
    }

    public void Record(IProductEvent productEvent, ReplicaChange change, DateTimeOffset appliedAt)
    {
        var eventType = new KeyValuePair<string, object?>("event", productEvent.GetType().Name);
        _events.Add(1, eventType, new KeyValuePair<string, object?>("change", change.ToString()));
        if (change != ReplicaChange.IgnoredStale)
        {
            _lag.Record((appliedAt - productEvent.OccurredAt).TotalSeconds, eventType);
        }
    }
}
