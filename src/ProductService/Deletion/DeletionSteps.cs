namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>The names of the lifecycle steps as they appear in the audit trail.</summary>
public static class DeletionSteps
{
    public const string Decommission = "decommission";
    public const string CompleteDecommission = "complete-decommission";
    public const string Restore = "restore";
    public const string Purge = "purge";
    public const string CompletePurge = "complete-purge";
    public const string PurgeDryRun = "purge-dry-run";
    public const string PlaceLegalHold = "place-legal-hold";
    public const string LiftLegalHold = "lift-legal-hold";
    public const string Delete = "delete";
}
