namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>What <c>POST /cache/rebuild</c> did.</summary>
/// <param name="OverwrittenAhead">Copies that were ahead of the source and were overwritten with its state, each with an audit entry.</param>
public sealed record CacheRebuildResult(
    int SourceProducts, int Inserted, int Updated, int Unchanged, IReadOnlyList<Guid> OverwrittenAhead, double DurationSeconds);
