using ProductCatalogOrders.ProductService.Deletion.Checks;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>A product the sweep purged.</summary>
public sealed record SweptProduct(Guid ProductId, string Sku);

/// <summary>A product the sweep did not purge, and every failed check that said why.</summary>
public sealed record RefusedProduct(Guid ProductId, string Sku, IReadOnlyList<CheckVerdict> Checks);

/// <summary>One run of the sweep: what it purged, what it refused and why, and how many it left for the next run.</summary>
public sealed record PurgeSweepRun(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int Candidates,
    IReadOnlyList<SweptProduct> Purged,
    IReadOnlyList<RefusedProduct> Refused,
    int LeftByRateLimit,
    int LeftByBatchSize);

/// <summary><c>GET /deletions/purge-sweep</c>: the settings, and the last run (null before the first).</summary>
public sealed record PurgeSweepStatus(bool Enabled, TimeSpan Interval, int BatchSize, string Actor, PurgeSweepRun? LastRun);
