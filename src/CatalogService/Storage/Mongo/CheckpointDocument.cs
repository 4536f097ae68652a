using MongoDB.Bson.Serialization.Attributes;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>A replica checkpoint as stored in MongoDB.</summary>
public sealed class CheckpointDocument
{
    [BsonId]
    public string Name { get; set; } = "";

    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CompletedAt { get; set; }
}
