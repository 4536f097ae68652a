using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ProductCatalogOrders.BuildingBlocks.Audit;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>An audit entry as stored in MongoDB; the id is the entry's sequence.</summary>
public sealed class AuditEntryDocument
{
    [BsonId]
    public long Sequence { get; set; }

    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime At { get; set; }

    public string Actor { get; set; } = "";

    public string Action { get; set; } = "";

    public string ResourceType { get; set; } = "";

    public string ResourceId { get; set; } = "";

    public string? Detail { get; set; }
}

/// <summary>
/// The catalog's audit trail on MongoDB. A standalone server has no multi-document transactions, so an entry
/// is appended right after the change it records (sequence from a counter document), not inside its transaction.
/// </summary>
public sealed class MongoAuditTrail(CatalogMongoDatabase mongo) : IAuditTrail
{
    private const string CounterId = "audit";

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var counter = await mongo.Counters.FindOneAndUpdateAsync(
            Builders<BsonDocument>.Filter.Eq("_id", CounterId),
            Builders<BsonDocument>.Update.Inc("value", 1L),
            new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After },
            cancellationToken);
        await mongo.AuditEntries.InsertOneAsync(new AuditEntryDocument
        {
            Sequence = counter["value"].ToInt64(),
            At = entry.At.UtcDateTime,
            Actor = entry.Actor,
            Action = entry.Action,
            ResourceType = entry.ResourceType,
            ResourceId = entry.ResourceId,
            Detail = entry.Detail,
        }, cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? resourceId, long? after, int take, CancellationToken cancellationToken)
    {
        var filter = Builders<AuditEntryDocument>.Filter.Empty;
        if (resourceId is not null)
        {
            filter &= Builders<AuditEntryDocument>.Filter.Eq(a => a.ResourceId, resourceId);
        }

        if (after is { } last)
        {
            filter &= Builders<AuditEntryDocument>.Filter.Gt(a => a.Sequence, last);
        }

        var documents = await mongo.AuditEntries.Find(filter).SortBy(a => a.Sequence).Limit(take).ToListAsync(cancellationToken);
        return documents.Select(a => new AuditEntry
        {
            Sequence = a.Sequence,
            At = new DateTimeOffset(a.At, TimeSpan.Zero),
            Actor = a.Actor,
            Action = a.Action,
            ResourceType = a.ResourceType,
            ResourceId = a.ResourceId,
            Detail = a.Detail,
        }).ToList();
    }
}
