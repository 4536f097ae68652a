using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>A reconciliation finding as stored in MongoDB.</summary>
public sealed class FindingDocument
{
    [BsonId]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid ProductId { get; set; }

    [BsonRepresentation(BsonType.String)]
    public FindingKind Kind { get; set; }

    public string Sku { get; set; } = "";

    public long? CacheVersion { get; set; }

    public long? SourceVersion { get; set; }

    [BsonRepresentation(BsonType.String)]
    public ProductStatus? CacheStatus { get; set; }

    [BsonRepresentation(BsonType.String)]
    public ProductStatus? SourceStatus { get; set; }

    public int References { get; set; }

    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime FirstSeenAt { get; set; }

    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime LastSeenAt { get; set; }

    public static FindingDocument From(ReconciliationFinding finding) => new()
    {
        ProductId = finding.ProductId,
        Kind = finding.Kind,
        Sku = finding.Sku,
        CacheVersion = finding.CacheVersion,
        SourceVersion = finding.SourceVersion,
        CacheStatus = finding.CacheStatus,
        SourceStatus = finding.SourceStatus,
        References = finding.References,
        FirstSeenAt = finding.FirstSeenAt.UtcDateTime,
        LastSeenAt = finding.LastSeenAt.UtcDateTime,
    };

    public ReconciliationFinding ToFinding() => new()
    {
        ProductId = ProductId,
        Kind = Kind,
        Sku = Sku,
        CacheVersion = CacheVersion,
        SourceVersion = SourceVersion,
        CacheStatus = CacheStatus,
        SourceStatus = SourceStatus,
        References = References,
        FirstSeenAt = new DateTimeOffset(FirstSeenAt, TimeSpan.Zero),
        LastSeenAt = new DateTimeOffset(LastSeenAt, TimeSpan.Zero),
    };
}
