using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>A product in the catalog's cache, as stored in MongoDB. Never deleted on decommission: it is the tombstone.</summary>
public sealed class CachedProductDocument
{
    [BsonId]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid ProductId { get; set; }

    public string Sku { get; set; } = "";

    public string Name { get; set; } = "";

    [BsonRepresentation(BsonType.Decimal128)]
    public decimal Price { get; set; }

    [BsonRepresentation(BsonType.String)]
    public ProductStatus Status { get; set; }

    public long Version { get; set; }

    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime ChangedAt { get; set; }

    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime AppliedAt { get; set; }

    public ProductReplica ToReplica() => new()
    {
        ProductId = ProductId,
        Sku = Sku,
        Name = Name,
        Price = Price,
        Status = Status,
        Version = Version,
        ChangedAt = new DateTimeOffset(ChangedAt, TimeSpan.Zero),
        AppliedAt = new DateTimeOffset(AppliedAt, TimeSpan.Zero),
    };
}
