using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.ErasureDataset.Retention;

public static class DatasetRetentionApi
{
    /// <summary>
    /// Maps <c>POST /erasure/dataset/retention?dryRun=true</c> for <c>admin</c>, under the destructive
    /// rate limit: the day folders past retention, each with its outcome and every check's verdict.
    /// </summary>
    public static IEndpointRouteBuilder MapDatasetRetention(this IEndpointRouteBuilder app)
    {
        var dataset = app.MapGroup("/erasure/dataset").WithTags("Erasure dataset")
            .RequireAuthorization(Scopes.Admin).RequireRateLimiting(Policies.DestructiveRateLimit);
        dataset.MapPost("/retention", ApplyDatasetRetention).WithName(nameof(ApplyDatasetRetention))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Deletes day folders of the erasure dataset past Erasure:DatasetRetention behind the storage, upstream, routing, "
                + "scheduling and authorization checks; ?dryRun=true only reports what would go and why.");
        return app;
    }

    public static async Task<Results<Ok<DatasetRetentionReport>, ProblemHttpResult>> ApplyDatasetRetention(
        bool? dryRun, ClaimsPrincipal user, DatasetRetention retention, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await retention.RunAsync(user, dryRun == true, cancellationToken));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The dataset's folder itself cannot be listed: nothing was decided, nothing deleted.
            return Problems.ServiceUnavailable("Erasure dataset unavailable", $"The dataset's storage could not be read ({exception.Message}).");
        }
    }
}
