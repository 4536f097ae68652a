using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Storage.Sqlite;

public sealed class SqliteCatalogStore(CatalogDbContext db) : ICatalogStore
{
    public async Task<bool> TryAddItemAsync(CatalogItem item, AuditEntry? audit, CancellationToken cancellationToken)
    {
        if (await IsListedAsync(item, cancellationToken))
        {
            return false;
        }

        db.CatalogItems.Add(item);
        if (audit is not null)
        {
            db.AuditEntries.Add(audit); // Same SaveChanges, so the same transaction as the item.
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await IsListedAsync(item, cancellationToken))
            {
                return false; // A concurrent request listed it between the check and the insert.
            }

            throw;
        }
    }

    public async Task<int> RemoveItemsOfProductAsync(Guid productId, Func<int, AuditEntry>? audit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.CatalogItems.Where(i => i.ProductId == productId).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0 && audit is not null)
        {
            db.AuditEntries.Add(audit(removed));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public async Task<IReadOnlyDictionary<Guid, int>> CountItemsByProductAsync(CancellationToken cancellationToken) =>
        await db.CatalogItems.AsNoTracking().GroupBy(i => i.ProductId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    public async Task<IReadOnlyList<CatalogItem>> ListItemsAsync(CancellationToken cancellationToken) =>
        await db.CatalogItems.AsNoTracking().OrderBy(i => i.ProductId).ThenBy(i => i.Category).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<CatalogItemResponse>> ListActiveAsync(CatalogKey? after, int take, CancellationToken cancellationToken)
    {
        var active = db.CatalogItems.AsNoTracking()
            .Join(db.ProductReplicas.AsNoTracking(), i => i.ProductId, p => p.ProductId, (i, p) => new { Item = i, Product = p })
            .Where(x => x.Product.Status == ProductStatus.Active);
        if (after is not null)
        {
            // SQLite compares text byte by byte, as the cursor's ordinal order does.
            active = active.Where(x => string.Compare(x.Product.Sku, after.Sku) > 0
                || (x.Product.Sku == after.Sku && string.Compare(x.Item.Category, after.Category) > 0));
        }

        return await active
            .OrderBy(x => x.Product.Sku).ThenBy(x => x.Item.Category)
            .Take(take)
            .Select(x => new CatalogItemResponse(x.Item.Id, x.Product.ProductId, x.Product.Sku, x.Product.Name, x.Product.Price, x.Item.Category))
            .ToListAsync(cancellationToken);
    }

    private Task<bool> IsListedAsync(CatalogItem item, CancellationToken cancellationToken) =>
        db.CatalogItems.AnyAsync(i => i.ProductId == item.ProductId && i.Category == item.Category, cancellationToken);
}
