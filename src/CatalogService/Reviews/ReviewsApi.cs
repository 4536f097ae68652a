using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.Strategies;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Reviews;

public static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        // Reviews by product are public; by customer they are personal data, checked in the handler.
        var reads = app.MapGroup("/catalog/reviews").WithTags("Reviews").AllowAnonymous();
        reads.MapGet("/", ListReviews).WithName(nameof(ListReviews))
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("A product's reviews (rating and text, anyone), or a customer's reviews (staff scope or the customer's own token); a page at a time.");

        var writes = app.MapGroup("/catalog/reviews").WithTags("Reviews").AddEndpointFilter<DependencyUnavailableFilter>()
            .RequireAuthorization(Policies.WriteReviews);
        writes.MapPost("/", AddReview).WithName(nameof(AddReview))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Adds a customer's review of an Active product; 422 when the product is unknown or not Active.");
        return app;
    }

    public static async Task<Results<Created<CustomerReviewResponse>, ValidationProblem, ProblemHttpResult>> AddReview(
        AddReviewRequest request,
        ClaimsPrincipal user,
        IReviewStore reviews,
        IProductLookup products,
        SubjectTokens tokens,
        TimeProvider time,
        ILogger<Review> logger,
        CancellationToken cancellationToken)
    {
        var errors = ReviewRules.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var customerId = request.CustomerId!.Trim();
        if (user.CustomerId() is { } own && own != customerId)
        {
            return Problems.Forbidden(Scopes.CatalogWrite, "A review for another customer");
        }

        var productId = request.ProductId!.Value;
        var (product, refusal) = await ActiveProduct.FindAsync(products, productId, "reviewed", cancellationToken);
        if (product is null)
        {
            return refusal!;
        }

        var review = new Review
        {
            Id = Guid.CreateVersion7(),
            ProductId = productId,
            CustomerId = customerId,
            Rating = request.Rating!.Value,
            Text = request.Text!.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        await reviews.AddReviewAsync(review, cancellationToken);
        logger.LogInformation("Review {ReviewId} of product {ProductId} by customer {CustomerToken}", review.Id, productId, tokens.Customer(customerId));
        return TypedResults.Created($"/catalog/reviews?productId={productId}", ToCustomerResponse(review));
    }

    /// <summary>Exactly one of productId (public) and customerId (staff or the customer's own token).</summary>
    public static async Task<Results<Ok<Page<ReviewResponse>>, Ok<Page<CustomerReviewResponse>>, ValidationProblem, ProblemHttpResult>> ListReviews(
        Guid? productId, string? customerId, string? after, int? limit, ClaimsPrincipal user, IReviewStore reviews, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if ((productId is null) == (customerId is null))
        {
            errors["productId"] = ["Give either productId or customerId."];
        }
        else if (productId == Guid.Empty)
        {
            errors["productId"] = ["Not a product id."];
        }
        else if (customerId is not null && ReviewRules.CustomerIdError(customerId) is { } bad)
        {
            errors["customerId"] = [bad];
        }

        var size = Paging.Limit(limit, errors);
        var afterKey = ReviewKey.Parse(Paging.After(after, parts: 2, errors));
        if (afterKey is null && !string.IsNullOrEmpty(after))
        {
            errors["after"] = ["Not a cursor of this list: pass the 'next' value of the previous page unchanged."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (productId is { } product)
        {
            var window = await reviews.ListReviewsOfProductAsync(product, afterKey, size + 1, cancellationToken);
            return TypedResults.Ok(Paging.Page(
                [.. window.Select(r => new ReviewResponse(r.Id, r.ProductId, r.Rating, r.Text, r.CreatedAt))], size, r => new ReviewKey(r.CreatedAt.UtcTicks, r.Id).Parts));
        }

        var customer = customerId!.Trim();
        if (user.Identity?.IsAuthenticated != true)
        {
            return TypedResults.Problem(
                title: "Authentication required", detail: "A customer's reviews need a bearer token: staff, or the customer's own.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var isStaff = user.Scopes().Any(Scopes.Staff.Contains);
        if (!isStaff && user.CustomerId() != customer)
        {
            return Problems.Forbidden(Scopes.CatalogWrite, "Reading another customer's reviews");
        }

        var mine = await reviews.ListReviewsOfCustomerAsync(customer, afterKey, size + 1, cancellationToken);
        return TypedResults.Ok(Paging.Page([.. mine.Select(ToCustomerResponse)], size, r => new ReviewKey(r.CreatedAt.UtcTicks, r.Id).Parts));
    }

    private static CustomerReviewResponse ToCustomerResponse(Review r) => new(r.Id, r.ProductId, r.CustomerId, r.Rating, r.Text, r.CreatedAt);
}
