using MongoDB.Driver;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>Catalog items on MongoDB; the unique (productId, category) index refuses a second listing atomically.</summary>
public sealed class MongoCatalogStore(CatalogMongoDatabase mongo) : ICatalogStore
{
    private readonly MongoAuditTrail _audit = new(mongo);

    public async Task<bool> TryAddItemAsync(CatalogItem item, AuditEntry? audit, CancellationToken cancellationToken)
    {
        try
        {
            await mongo.CatalogItems.InsertOneAsync(
                new CatalogItemDocument { Id = item.Id, ProductId = item.ProductId, Category = item.Category, CreatedAt = item.CreatedAt.UtcDateTime },
                cancellationToken: cancellationToken);
        }
        catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }

        if (audit is not null)
        {
            await _audit.AppendAsync(audit, cancellationToken);
        }

        return true;
    }

    public async Task<int> RemoveItemsOfProductAsync(Guid productId, Func<int, AuditEntry>? audit, CancellationToken cancellationToken)
    {
        var removed = (int)(await mongo.CatalogItems.DeleteManyAsync(i => i.ProductId == productId, cancellationToken)).DeletedCount;
        if (removed > 0 && audit is not null)
        {
            await _audit.AppendAsync(audit(removed), cancellationToken);
        }

        return removed;
    }

    public async Task<IReadOnlyDictionary<Guid, int>> CountItemsByProductAsync(CancellationToken cancellationToken)
    {
        var counts = await mongo.CatalogItems.Aggregate()
            .Group(i => i.ProductId, g => new { ProductId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.ProductId, c => c.Count);
    }

    public async Task<IReadOnlyList<CatalogItem>> ListItemsAsync(CancellationToken cancellationToken)
    {
        var items = await mongo.CatalogItems.Find(FilterDefinition<CatalogItemDocument>.Empty)
            .SortBy(i => i.ProductId).ThenBy(i => i.Category)
            .ToListAsync(cancellationToken);
        return items.Select(i => new CatalogItem
        {
            Id = i.Id, ProductId = i.ProductId, Category = i.Category, CreatedAt = new DateTimeOffset(i.CreatedAt, TimeSpan.Zero),
        }).ToList();
    }

    public async Task<IReadOnlyList<CatalogItemResponse>> ListActiveAsync(CatalogKey? after, int take, CancellationToken cancellationToken)
    {
        var items = await mongo.CatalogItems.Find(FilterDefinition<CatalogItemDocument>.Empty).ToListAsync(cancellationToken);
        var productIds = items.Select(i => i.ProductId).Distinct().ToList();
        var active = await mongo.ProductCache
            .Find(p => productIds.Contains(p.ProductId) && p.Status == ProductStatus.Active)
            .ToListAsync(cancellationToken);
        var products = active.ToDictionary(p => p.ProductId);

        return items
            .Where(i => products.ContainsKey(i.ProductId))
            .Select(i => (Item: i, Product: products[i.ProductId]))
            .OrderBy(x => x.Product.Sku, StringComparer.Ordinal).ThenBy(x => x.Item.Category, StringComparer.Ordinal)
            .Select(x => new CatalogItemResponse(x.Item.Id, x.Product.ProductId, x.Product.Sku, x.Product.Name, x.Product.Price, x.Item.Category))
            .Where(l => after is null || Paging.Ordinal.Compare(CatalogKey.Of(l).Parts, after.Parts) > 0)
            .Take(take)
            .ToList();
    }
}
