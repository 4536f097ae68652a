using Microsoft.AspNetCore.Http.HttpResults;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.CatalogService.Reviews;

namespace ProductCatalogOrders.CatalogService.Privacy;

public static class PersonalDataApi
{
    /// <summary>ErasureService's verification: counts only, never the data, and only for the <c>service</c> scope.</summary>
    public static IEndpointRouteBuilder MapPersonalDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/customers/{id}").WithTags("Privacy").RequireAuthorization(Scopes.Service)
            .MapGet("/personal-data", CountCustomerPersonalData).WithName(nameof(CountCustomerPersonalData))
            .WithSummary("How many reviews, and personal fields in them, the catalog still holds for a customer: counts only.");
        return app;
    }

    public static async Task<Results<Ok<PersonalDataCount>, ValidationProblem>> CountCustomerPersonalData(
        string id, IReviewStore reviews, CancellationToken cancellationToken)
    {
        if (ReviewRules.CustomerIdError(id) is { } bad)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [bad] });
        }

        var left = await reviews.CountReviewsOfCustomerAsync(id.Trim(), cancellationToken);
        return TypedResults.Ok(new PersonalDataCount(CatalogServiceApp.Name, PrivacySetup.Customer, left, left * CatalogPersonalData.Reviews.Fields.Count, []));
    }
}
