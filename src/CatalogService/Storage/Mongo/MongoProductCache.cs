using MongoDB.Driver;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>
/// The product cache on MongoDB. Each event is one atomic upsert filtered on the stored version:
/// a newer event matches and replaces the document; an unknown product is inserted; a duplicate or
/// stale event matches nothing, and its insert attempt collides with the existing id, which is the
/// signal that the gate refused it. There is never a read-then-write.
/// </summary>
public sealed class MongoProductCache(CatalogMongoDatabase mongo, TimeProvider time) : IProductReplicaStore
{
    private static readonly FilterDefinitionBuilder<CachedProductDocument> Filter = Builders<CachedProductDocument>.Filter;

    public async Task<ReplicaChange> ApplyAsync(IProductEvent productEvent, CancellationToken cancellationToken)
    {
        var state = productEvent.Product;
        var update = Builders<CachedProductDocument>.Update
            .Set(p => p.Sku, state.Sku)
            .Set(p => p.Name, state.Name)
            .Set(p => p.Price, state.Price)
            .Set(p => p.Status, state.Status)
            .Set(p => p.Version, productEvent.Version)
            .Set(p => p.ChangedAt, productEvent.OccurredAt.UtcDateTime)
            .Set(p => p.AppliedAt, time.GetUtcNow().UtcDateTime);
        var newerThanStored = Filter.Eq(p => p.ProductId, productEvent.ProductId) & Filter.Lt(p => p.Version, productEvent.Version);
        try
        {
            var result = await mongo.ProductCache.UpdateOneAsync(
                newerThanStored, update, new UpdateOptions { IsUpsert = true }, cancellationToken);
            return result.UpsertedId is not null ? ReplicaChange.Inserted : ReplicaChange.Updated;
        }
        catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return ReplicaChange.IgnoredStale;
        }
    }

    public async Task<ProductReplica?> FindAsync(Guid productId, CancellationToken cancellationToken)
    {
        var document = await mongo.ProductCache.Find(p => p.ProductId == productId).SingleOrDefaultAsync(cancellationToken);
        return document?.ToReplica();
    }
}
