using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>The service's own copy of a product: what it believes, and since when. For verification and operations.</summary>
public sealed record ProductReplicaResponse(
    Guid ProductId, string Sku, string Name, decimal Price, ProductStatus Status, long Version, DateTimeOffset ChangedAt, DateTimeOffset AppliedAt)
{
    public static ProductReplicaResponse From(ProductReplica replica) => new(
        replica.ProductId, replica.Sku, replica.Name, replica.Price, replica.Status, replica.Version, replica.ChangedAt, replica.AppliedAt);
}

public static class ProductReplicasApi
{
    public static IEndpointRouteBuilder MapProductReplicasApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/product-replicas/{id:guid}", GetProductReplica)
            .RequireAuthorization()
            .WithName(nameof(GetProductReplica))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Product replicas")
            .WithSummary("This service's local copy of a product (tombstones included), with the version it last applied.");
        app.MapReconciliationApi();
        return app;
    }

    public static async Task<Results<Ok<ProductReplicaResponse>, ProblemHttpResult>> GetProductReplica(
        Guid id, IProductReplicaStore store, CancellationToken cancellationToken)
    {
        var replica = await store.FindAsync(id, cancellationToken);
        return replica is null
            ? Problems.NotFound("Product not known here", $"This service has received no event for product {id}.")
            : TypedResults.Ok(ProductReplicaResponse.From(replica));
    }
}
