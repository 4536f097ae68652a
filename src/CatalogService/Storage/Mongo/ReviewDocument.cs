using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using ProductCatalogOrders.CatalogService.Reviews;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>A review as stored in MongoDB.</summary>
public sealed class ReviewDocument
{
    [BsonId]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid Id { get; set; }

    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid ProductId { get; set; }

    public string CustomerId { get; set; } = "";

    public int Rating { get; set; }

    public string Text { get; set; } = "";

    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; set; }

    public static ReviewDocument Of(Review review) => new()
    {
        Id = review.Id, ProductId = review.ProductId, CustomerId = review.CustomerId, Rating = review.Rating, Text = review.Text,
        CreatedAt = review.CreatedAt.UtcDateTime,
    };

    public Review ToReview() => new()
    {
        Id = Id, ProductId = ProductId, CustomerId = CustomerId, Rating = Rating, Text = Text, CreatedAt = new DateTimeOffset(CreatedAt, TimeSpan.Zero),
    };
}
