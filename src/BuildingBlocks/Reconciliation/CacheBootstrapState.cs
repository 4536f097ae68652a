namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>Where the cache's first catch-up from the snapshot stands, for the readiness check.</summary>
public sealed class CacheBootstrapState
{
    private volatile bool _completed;

    /// <summary>When this process began waiting for the bootstrap; null before it began.</summary>
    public DateTimeOffset? WaitingSince { get; private set; }

    public bool Completed => _completed;

    /// <summary>The last reason the bootstrap could not complete, while it retries.</summary>
    public string? LastFailure { get; private set; }

    public void Begin(DateTimeOffset now) => WaitingSince ??= now;

    public void Fail(string reason) => LastFailure = reason;

    public void Complete() => _completed = true;
}
