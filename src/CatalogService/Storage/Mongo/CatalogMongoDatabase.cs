using MongoDB.Bson;
using MongoDB.Driver;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>The catalog's MongoDB database, its collections, and the indexes they need.</summary>
public sealed class CatalogMongoDatabase(IMongoDatabase database)
{
    public IMongoDatabase Database { get; } = database;

    public IMongoCollection<CachedProductDocument> ProductCache { get; } = database.GetCollection<CachedProductDocument>("productCache");

    public IMongoCollection<CatalogItemDocument> CatalogItems { get; } = database.GetCollection<CatalogItemDocument>("catalogItems");

    public IMongoCollection<ReviewDocument> Reviews { get; } = database.GetCollection<ReviewDocument>("reviews");

    public IMongoCollection<AuditEntryDocument> AuditEntries { get; } = database.GetCollection<AuditEntryDocument>("auditEntries");

    /// <summary>Named counters (the audit sequence).</summary>
    public IMongoCollection<BsonDocument> Counters { get; } = database.GetCollection<BsonDocument>("counters");

    /// <summary>The reconciliation report: one document per finding, keyed by product id.</summary>
    public IMongoCollection<FindingDocument> ReconciliationFindings { get; } = database.GetCollection<FindingDocument>("reconciliationFindings");

    /// <summary>Durable markers, such as the cache's completed bootstrap, keyed by name.</summary>
    public IMongoCollection<CheckpointDocument> ReplicaCheckpoints { get; } = database.GetCollection<CheckpointDocument>("replicaCheckpoints");

    /// <summary>Idempotent: creating an index that exists with the same definition does nothing.</summary>
    public async Task CreateIndexesAsync(CancellationToken cancellationToken)
    {
        await CatalogItems.Indexes.CreateOneAsync(
            new CreateIndexModel<CatalogItemDocument>(
                Builders<CatalogItemDocument>.IndexKeys.Ascending(i => i.ProductId).Ascending(i => i.Category),
                new CreateIndexOptions { Unique = true, Name = "productId_category_unique" }),
            cancellationToken: cancellationToken);
        await ProductCache.Indexes.CreateOneAsync(
            new CreateIndexModel<CachedProductDocument>(
                Builders<CachedProductDocument>.IndexKeys.Ascending(p => p.Status), new CreateIndexOptions { Name = "status" }),
            cancellationToken: cancellationToken);
        await Reviews.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<ReviewDocument>(Builders<ReviewDocument>.IndexKeys.Ascending(r => r.ProductId), new CreateIndexOptions { Name = "productId" }),
                new CreateIndexModel<ReviewDocument>(Builders<ReviewDocument>.IndexKeys.Ascending(r => r.CustomerId), new CreateIndexOptions { Name = "customerId" }),
            ],
            cancellationToken);
        await AuditEntries.Indexes.CreateOneAsync(
            new CreateIndexModel<AuditEntryDocument>(
                Builders<AuditEntryDocument>.IndexKeys.Ascending(a => a.ResourceId).Ascending(a => a.Sequence),
                new CreateIndexOptions { Name = "resourceId_sequence" }),
            cancellationToken: cancellationToken);
    }
}
