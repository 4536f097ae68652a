using MongoDB.Driver;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>
/// The product cache on MongoDB. Each event is one atomic upsert filtered on the stored version:
/// a newer event matches and replaces the document; an unknown product is inserted. When the insert
/// collides with an existing id, the same conditional update runs once more without the insert: it
/// matches if a concurrent consumer had just inserted an older version, and matches nothing if the
/// event is a duplicate or stale. There is never a read-then-write.
/// </summary>
public sealed class MongoProductCache(CatalogMongoDatabase mongo, TimeProvider time) : IProductReplicaStore
{
    private static readonly FilterDefinitionBuilder<CachedProductDocument> Filter = Builders<CachedProductDocument>.Filter;

    public async Task<IReadOnlyList<ReplicaChange>> ApplyAsync(IReadOnlyList<ReplicaWrite> writes, CancellationToken cancellationToken)
    {
        var changes = new ReplicaChange[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            changes[i] = await UpsertIfNewerAsync(writes[i].Event, Descriptive(writes[i]), cancellationToken);
        }

        // Stamped after the writes, so AppliedAt - ChangedAt is the whole propagation, the write included.
        var applied = writes.Where((_, i) => changes[i] != ReplicaChange.IgnoredStale).Select(w => w.Event.ProductId).Distinct().ToList();
        if (applied.Count > 0)
        {
            await mongo.ProductCache.UpdateManyAsync(
                Filter.In(p => p.ProductId, applied), Update.Set(p => p.AppliedAt, time.GetUtcNow().UtcDateTime), cancellationToken: cancellationToken);
        }

        return changes;
    }

    /// <summary>
    /// The SKU, name and price: replaced by a full event; for a status-only event, written only when
    /// the document is new, so an existing copy keeps its own.
    /// </summary>
    private static UpdateDefinition<CachedProductDocument> Descriptive(ReplicaWrite write)
    {
        var state = write.Event.Product;
        return write.StatusOnly
            ? Update.SetOnInsert(p => p.Sku, state.Sku).SetOnInsert(p => p.Name, state.Name).SetOnInsert(p => p.Price, state.Price)
            : Update.Set(p => p.Sku, state.Sku).Set(p => p.Name, state.Name).Set(p => p.Price, state.Price);
    }

    private static UpdateDefinitionBuilder<CachedProductDocument> Update => Builders<CachedProductDocument>.Update;

    private async Task<ReplicaChange> UpsertIfNewerAsync(
        IProductEvent productEvent, UpdateDefinition<CachedProductDocument> descriptive, CancellationToken cancellationToken)
    {
        var update = Update.Combine(
            descriptive,
            Update.Set(p => p.Status, productEvent.Product.Status),
            Update.Set(p => p.Version, productEvent.Version),
            Update.Set(p => p.ChangedAt, productEvent.OccurredAt.UtcDateTime),
            Update.Set(p => p.AppliedAt, time.GetUtcNow().UtcDateTime));
        var newerThanStored = Filter.Eq(p => p.ProductId, productEvent.ProductId) & Filter.Lt(p => p.Version, productEvent.Version);
        try
        {
            var result = await mongo.ProductCache.UpdateOneAsync(
                newerThanStored, update, new UpdateOptions { IsUpsert = true }, cancellationToken);
            return result.UpsertedId is not null ? ReplicaChange.Inserted : ReplicaChange.Updated;
        }
        catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            // The document exists: either it is at this version or newer (stale), or a concurrent
            // consumer inserted an older version a moment ago. The same conditional update, without
            // the insert, tells the two apart.
            var retry = await mongo.ProductCache.UpdateOneAsync(newerThanStored, update, cancellationToken: cancellationToken);
            return retry.MatchedCount > 0 ? ReplicaChange.Updated : ReplicaChange.IgnoredStale;
        }
    }

    public async Task<ProductReplica?> FindAsync(Guid productId, CancellationToken cancellationToken)
    {
        var document = await mongo.ProductCache.Find(p => p.ProductId == productId).SingleOrDefaultAsync(cancellationToken);
        return document?.ToReplica();
    }

    public async Task<IReadOnlyList<ReplicaEntry>> ListEntriesAsync(CancellationToken cancellationToken)
    {
        var documents = await mongo.ProductCache.Find(FilterDefinition<CachedProductDocument>.Empty)
            .Project(p => new { p.ProductId, p.Sku, p.Status, p.Version })
            .ToListAsync(cancellationToken);
        return documents.Select(d => new ReplicaEntry(d.ProductId, d.Sku, d.Status, d.Version)).ToList();
    }

    public async Task<bool> OverwriteAsync(ReplicaWrite write, long expectedVersion, CancellationToken cancellationToken)
    {
        var productEvent = write.Event;
        var update = Update.Combine(
            Descriptive(write),
            Update.Set(p => p.Status, productEvent.Product.Status),
            Update.Set(p => p.Version, productEvent.Version),
            Update.Set(p => p.ChangedAt, productEvent.OccurredAt.UtcDateTime),
            Update.Set(p => p.AppliedAt, time.GetUtcNow().UtcDateTime));
        var result = await mongo.ProductCache.UpdateOneAsync(
            Filter.Eq(p => p.ProductId, productEvent.ProductId) & Filter.Eq(p => p.Version, expectedVersion), update, cancellationToken: cancellationToken);
        return result.ModifiedCount > 0;
    }
}
