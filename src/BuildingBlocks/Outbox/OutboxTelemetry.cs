using System.Diagnostics;
using System.Diagnostics.Metrics;
using ProductCatalogOrders.BuildingBlocks.Telemetry;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>
/// Traces and metrics of the outbox. A publish continues the trace of the request that committed
/// the event, so one trace runs from the HTTP call through the broker into every consumer, even
/// though the dispatcher sends it later from a background loop.
/// </summary>
public sealed class OutboxTelemetry
{
    public const string Name = MetricNames.OutboxMeter;

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _published;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _delay;

    public OutboxTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _published = meter.CreateCounter<long>(MetricNames.OutboxPublished, "{event}", "Events the broker confirmed.");
        _failures = meter.CreateCounter<long>(MetricNames.OutboxPublishFailures, "{attempt}", "Publish attempts that failed; the event stays pending.");
        _delay = meter.CreateHistogram(MetricNames.OutboxDispatchDelay, "s", "From commit to the broker's confirmation.", advice: LatencyBuckets.Seconds);
    }

    /// <summary>The W3C traceparent of the current activity, stored with the event.</summary>
    public static string? CurrentTraceParent() => Activity.Current?.Id;

    public static Activity? StartPublish(OutboxMessage message)
    {
        var parent = ActivityContext.TryParse(message.TraceParent, null, out var context) ? context : default;
        var activity = Source.StartActivity("outbox publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", message.MessageId);
        activity?.SetTag("pco.outbox.message_type", message.MessageType);
        activity?.SetTag("pco.outbox.attempt", message.Attempts + 1);
        return activity;
    }

    public void Published(OutboxMessage message, DateTimeOffset confirmedAt)
    {
        var type = new KeyValuePair<string, object?>("message_type", message.MessageType);
        _published.Add(1, type);
        _delay.Record((confirmedAt - message.CreatedAt).TotalSeconds, type);
    }

    public void Failed(OutboxMessage message) => _failures.Add(1, new KeyValuePair<string, object?>("message_type", message.MessageType));
}
