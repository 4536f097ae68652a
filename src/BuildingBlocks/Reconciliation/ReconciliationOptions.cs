namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>The <c>Reconciliation</c> section: when the cache is compared with the source.</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>Between scheduled runs; zero turns the schedule off (<c>POST /reconciliation</c> still runs one).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first scheduled run after start-up, so the report and the dangling metrics fill early.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long <c>POST /reconciliation</c> waits for the run: done by then, 200 with the result; otherwise 202.</summary>
    public TimeSpan RespondWithin { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>The <c>Replicas</c> section: the cache's bootstrap from the snapshot.</summary>
public sealed class ReplicaOptions
{
    public const string Section = "Replicas";

    /// <summary>How long a cache that never bootstrapped reports not ready while ProductService cannot be reached; it keeps retrying after.</summary>
    public TimeSpan BootstrapTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
