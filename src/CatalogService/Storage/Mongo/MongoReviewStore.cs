using MongoDB.Driver;
using ProductCatalogOrders.CatalogService.Reviews;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>Reviews on MongoDB, indexed by product and by customer.</summary>
public sealed class MongoReviewStore(CatalogMongoDatabase mongo) : IReviewStore
{
    public Task AddReviewAsync(Review review, CancellationToken cancellationToken) =>
        mongo.Reviews.InsertOneAsync(ReviewDocument.Of(review), cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<Review>> ListReviewsOfProductAsync(Guid productId, ReviewKey? after, int take, CancellationToken cancellationToken) =>
        ReviewOrder.Page((await mongo.Reviews.Find(r => r.ProductId == productId).ToListAsync(cancellationToken)).Select(r => r.ToReview()), after, take);

    public async Task<IReadOnlyList<Review>> ListReviewsOfCustomerAsync(string customerId, ReviewKey? after, int take, CancellationToken cancellationToken) =>
        ReviewOrder.Page((await mongo.Reviews.Find(r => r.CustomerId == customerId).ToListAsync(cancellationToken)).Select(r => r.ToReview()), after, take);

    public async Task<int> RemoveReviewsOfCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        (int)(await mongo.Reviews.DeleteManyAsync(r => r.CustomerId == customerId, cancellationToken)).DeletedCount;

    public async Task<int> RemoveReviewsOfProductAsync(Guid productId, CancellationToken cancellationToken) =>
        (int)(await mongo.Reviews.DeleteManyAsync(r => r.ProductId == productId, cancellationToken)).DeletedCount;

    public async Task<int> CountReviewsOfCustomerAsync(string customerId, CancellationToken cancellationToken) =>
        (int)await mongo.Reviews.CountDocumentsAsync(r => r.CustomerId == customerId, cancellationToken: cancellationToken);
}
