using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>One finding as <c>GET /reconciliation/report</c> shows it.</summary>
/// <param name="AgeSeconds">How long the finding has been reported, from its first sighting.</param>
/// <param name="References">Local records (catalog items, order lines) that reference the product.</param>
public sealed record FindingResponse(
    Guid ProductId,
    string Sku,
    FindingKind Kind,
    DateTimeOffset FirstSeenAt,
    double AgeSeconds,
    int References,
    long? CacheVersion,
    long? SourceVersion,
    ProductStatus? CacheStatus,
    ProductStatus? SourceStatus,
    DateTimeOffset LastSeenAt);

/// <summary>The report: what the last run saw, counts per kind, and a keyset page of findings by product id.</summary>
public sealed record ReconciliationReport(
    string Service,
    DateTimeOffset? LastReconciledAt,
    ReconciliationRun? LastRun,
    IReadOnlyDictionary<FindingKind, int> Counts,
    IReadOnlyList<FindingResponse> Items,
    string? Next);

/// <summary>A run still under way when <c>POST /reconciliation</c> stopped waiting; its result lands in the report.</summary>
public sealed record ReconciliationPending(string Status, string Report);
