namespace ProductCatalogOrders.StrategyLab;

/// <summary>
/// One strategy's figures; the JSON field names are the report's contract. The propagation lag is
/// measured idle (one removal at a time) and under load (decommissions offered at
/// <see cref="PropagationUnderLoadPerSecond"/>); both only under AsynchronousUpdate.
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
    double? PropagationLagUnderLoadP99Ms);
