namespace ProductCatalogOrders.StrategyLab;

/// <summary>
/// One strategy's figures; the JSON field names are the report's contract. The propagation lag is
/// measured idle (one removal at a time) and under load (decommissions offered at
/// <see cref="PropagationUnderLoadPerSecond"/>); both only under AsynchronousUpdate.
/// <see cref="Reconciliation"/> is what Catalog's and Order's reconciliation found at the end of the
/// scenario, with the dangling gauges each then exported.
/// </summary>
public sealed record StrategyResult(
    string Name,
    int OrphanedReferences,
    int RefusedRemovals,
    double? RemovalLatencyP50Ms,
    double? RemovalLatencyP99Ms,
    double OrderAvailability,
    double OrderAvailabilityDuringOutage,
    double? OrderLatencyP50Ms,
    double? OrderLatencyP99Ms,
    double CatalogAvailabilityDuringOutage,
    double? PropagationLagP50Ms,
    double? PropagationLagP99Ms,
    int OrdersAcceptedAfterRemoval,
    double? PropagationUnderLoadPerSecond,
    double? PropagationLagUnderLoadP50Ms,
    double? PropagationLagUnderLoadP99Ms,
    IReadOnlyList<ServiceReconciliation> Reconciliation)
{
    /// <summary>The gauge of one service and resource type; the probe has already failed the run if it was not exported.</summary>
    public DanglingFigure Dangling(string service, string resourceType) =>
        Reconciliation.SelectMany(r => r.Dangling).Single(d => d.Service == service && d.ResourceType == resourceType);
}
