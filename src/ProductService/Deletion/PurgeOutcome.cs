using ProductCatalogOrders.ProductService.Deletion.Checks;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>How a purge (or its dry run) ended.</summary>
public enum PurgeResult
{
    NotFound,

    /// <summary>Purged now, or already purged before: the tombstone is the answer either way.</summary>
    Purged,

    /// <summary>A dry run: <see cref="PurgeOutcome.Allowed"/> says what a purge would do.</summary>
    DryRun,

    /// <summary>One or more deletion checks failed; nothing changed.</summary>
    Refused,

    /// <summary>The product changed between its checks and the purge; nothing changed.</summary>
    Conflict,
}

/// <summary>The result, the product as it now is, and every check's verdict (empty when none ran).</summary>
public sealed record PurgeOutcome(PurgeResult Result, Product? Product, IReadOnlyList<CheckVerdict> Checks, string? Reason = null)
{
    public bool Allowed => Checks.All(v => v.Passed);

    public IReadOnlyList<CheckVerdict> FailedChecks => [.. Checks.Where(v => !v.Passed)];
}
