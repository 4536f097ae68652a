using MongoDB.Driver;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>The reconciliation report and the cache checkpoints on MongoDB.</summary>
public sealed class MongoReconciliationStore(CatalogMongoDatabase mongo) : IReconciliationStore
{
    public async Task<IReadOnlyList<ReconciliationFinding>> ListFindingsAsync(CancellationToken cancellationToken) =>
        (await mongo.ReconciliationFindings.Find(FilterDefinition<FindingDocument>.Empty).ToListAsync(cancellationToken))
            .Select(d => d.ToFinding()).ToList();

    public async Task ReplaceFindingsAsync(IReadOnlyList<ReconciliationFinding> findings, CancellationToken cancellationToken)
    {
        var ids = findings.Select(f => f.ProductId).ToList();
        await mongo.ReconciliationFindings.DeleteManyAsync(Builders<FindingDocument>.Filter.Nin(d => d.ProductId, ids), cancellationToken);
        if (findings.Count > 0)
        {
            var upserts = findings.Select(f => new ReplaceOneModel<FindingDocument>(
                Builders<FindingDocument>.Filter.Eq(d => d.ProductId, f.ProductId), FindingDocument.From(f)) { IsUpsert = true });
            await mongo.ReconciliationFindings.BulkWriteAsync(upserts, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
        }
    }

    public async Task<DateTimeOffset?> GetCheckpointAsync(string name, CancellationToken cancellationToken) =>
        await mongo.ReplicaCheckpoints.Find(c => c.Name == name).SingleOrDefaultAsync(cancellationToken) is { } checkpoint
            ? new DateTimeOffset(checkpoint.CompletedAt, TimeSpan.Zero)
            : null;

    public Task SetCheckpointAsync(string name, DateTimeOffset completedAt, CancellationToken cancellationToken) =>
        mongo.ReplicaCheckpoints.ReplaceOneAsync(
            c => c.Name == name, new CheckpointDocument { Name = name, CompletedAt = completedAt.UtcDateTime },
            new ReplaceOptions { IsUpsert = true }, cancellationToken);
}
