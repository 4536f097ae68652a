namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>
/// The one rule every consumer follows: an event is applied only when its version is newer than
/// the copy's. Duplicates (same version) and late arrivals (older version) change nothing, so a
/// stale update can never bring a decommissioned product back.
/// </summary>
public static class VersionGate
{
    public static bool Admits(long? currentVersion, long incomingVersion) =>
        currentVersion is null || incomingVersion > currentVersion.Value;
}
