using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>
/// Products past retention and not yet purged: what <c>GET /deletions?state=purgeable</c> lists and
/// what the <see cref="PurgeSweep"/> tries, oldest decommission first. Whether each may be purged is
/// for the deletion checks to say, at the moment of the purge.
/// </summary>
public static class PurgeCandidates
{
    public static async Task<List<Product>> ListAsync(ProductsDbContext db, DeletionOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Retention is compared in memory: SQLite cannot compare DateTimeOffset values.
        var decommissioned = await db.Products.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Decommissioning || p.Status == ProductStatus.Decommissioned)
            .ToListAsync(cancellationToken);
        return [.. decommissioned
            .Where(p => p.RetainedUntil(settings.RetentionPeriod) <= now)
            .OrderBy(p => p.DecommissionedAt?.UtcTicks).ThenBy(p => p.Id.ToString(), StringComparer.Ordinal)];
    }
}
