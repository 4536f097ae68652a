using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.ProductService.Deletion;

namespace ProductCatalogOrders.ProductService.Removal;

public static class RemovalApi
{
    public static IEndpointRouteBuilder MapRemovalApi(this IEndpointRouteBuilder app)
    {
        var removal = app.MapGroup("/products/{id:guid}")
            .RequireAuthorization(Scopes.ProductsDecommission)
            .RequireRateLimiting(Policies.DestructiveRateLimit);
        removal.MapDelete("/", DeleteProduct).WithTags("Deletion lifecycle").WithName(nameof(DeleteProduct))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status405MethodNotAllowed)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Deletes the row under JustDelete and SynchronousCoordination; 405 under the other strategies, which decommission instead.");
        return app;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteProduct(
        Guid id, ClaimsPrincipal user, IProductRemoval removal, DeletionAudit audit, CancellationToken cancellationToken)
    {
        var actor = user.Actor();
        audit.Requested(DeletionSteps.Delete, id, actor);
        var outcome = await removal.RemoveAsync(id, actor, cancellationToken);
        audit.Completed(DeletionSteps.Delete, id, "unknown", actor, outcome.StatusCode == StatusCodes.Status204NoContent ? "deleted" : $"{outcome.StatusCode}: {outcome.Reason}", "none");
        return outcome.StatusCode == StatusCodes.Status204NoContent
            ? TypedResults.NoContent()
            : TypedResults.Problem(title: "Product not deleted", detail: outcome.Reason, statusCode: outcome.StatusCode);
    }
}
