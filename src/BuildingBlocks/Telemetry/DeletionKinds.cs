namespace ProductCatalogOrders.BuildingBlocks.Telemetry;

/// <summary>The values of the <c>deletion.kind</c> attribute.</summary>
public static class DeletionKinds
{
    public const string Decommission = "decommission";
    public const string Restore = "restore";
    public const string Purge = "purge";
    public const string Erasure = "erasure";
    public const string DatasetRetention = "dataset_retention";
}
