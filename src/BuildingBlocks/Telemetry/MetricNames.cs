namespace ProductCatalogOrders.BuildingBlocks.Telemetry;

/// <summary>
/// Every metric of the deletion pipeline, by OpenTelemetry's naming conventions: dotted lower-case
/// names under <c>pco.</c>, units in UCUM (<c>s</c> for durations, <c>1</c> for ratios, <c>{thing}</c>
/// for counts), so Prometheus shows them as <c>pco_deletion_requests_total</c>,
/// <c>pco_dangling_oldest_age_seconds</c>, <c>pco_dangling_ratio</c>. Instruments are created where
/// their data lives; the names are here so that dashboards, alerts and tests have one place to read.
/// </summary>
public static class MetricNames
{
    /// <summary>Meter of the deletion lifecycle: requests, successes, failures, stuck deletions.</summary>
    public const string DeletionMeter = "ProductCatalogOrders.Deletion";

    /// <summary>Meter of the outbox: published, failures, dispatch delay, backlog, parked rows.</summary>
    public const string OutboxMeter = "ProductCatalogOrders.Outbox";

    /// <summary>Meter of the product replicas (consumers): events applied and their propagation lag.</summary>
    public const string ReplicaMeter = "ProductCatalogOrders.Replicas";

    /// <summary>Meter of the reconciliation between a consumer's cache and the source: dangling resources.</summary>
    public const string ReconciliationMeter = "ProductCatalogOrders.Reconciliation";

    /// <summary>MassTransit's own meter (<c>MassTransit.Monitoring.InstrumentationOptions.MeterName</c>): receive, consume, send, publish counts and durations.</summary>
    public const string MassTransitMeter = "MassTransit";

    // Deletion requests, per service and kind (counters). Success rate = successes / requests.
    public const string DeletionRequests = "pco.deletion.requests";
    public const string DeletionSuccesses = "pco.deletion.successes";
    public const string DeletionFailures = "pco.deletion.failures";

    // Deletions in their DELETING step (observable gauges).
    public const string DeletionsInProgress = "pco.deletion.in_progress";
    public const string DeletionsStuck = "pco.deletion.stuck";
    public const string DeletionStuckOldestAge = "pco.deletion.stuck_oldest_age";

    // Dangling resources found by reconciliation, per service and resource type (observable gauges).
    public const string DanglingResources = "pco.dangling.resources";
    public const string DanglingOldestAge = "pco.dangling.oldest_age";
    public const string DanglingRatio = "pco.dangling.ratio";

    // The outbox (counters and a histogram, then observable gauges read from the store).
    public const string OutboxPublished = "pco.outbox.published";
    public const string OutboxPublishFailures = "pco.outbox.publish_failures";
    public const string OutboxDispatchDelay = "pco.outbox.dispatch_delay";
    public const string OutboxBacklog = "pco.outbox.backlog";
    public const string OutboxParked = "pco.outbox.parked";
    public const string OutboxOldestUnpublishedAge = "pco.outbox.oldest_unpublished_age";

    // Consumer lag: how late product events reach a consumer's replica.
    public const string ReplicaEvents = "pco.replica.events";
    public const string ReplicaPropagationLag = "pco.replica.propagation_lag";
}
