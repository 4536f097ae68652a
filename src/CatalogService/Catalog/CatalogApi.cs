using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.Strategies;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Catalog;

public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/catalog/items").WithTags("Catalog").AddEndpointFilter<DependencyUnavailableFilter>().AllowAnonymous();
        reads.MapGet("/", ListCatalogItems).WithName(nameof(ListCatalogItems)).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("The catalog, a page at a time by SKU then category: items whose product is Active, with name and price.");

        var writes = app.MapGroup("/catalog/items").WithTags("Catalog").AddEndpointFilter<DependencyUnavailableFilter>()
            .RequireAuthorization(Scopes.CatalogWrite);
        writes.MapPost("/", AddCatalogItem).WithName(nameof(AddCatalogItem))
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Lists an Active product in a category; 422 when the product is unknown or not Active.");

        // Only the strategy that coordinates a delete has anything to release, and only a service may ask.
        if (DeletionStrategySetting.Resolve(app.ServiceProvider.GetRequiredService<IConfiguration>()) == DeletionStrategy.SynchronousCoordination)
        {
            var release = app.MapGroup("/catalog/products/{id:guid}").WithTags("Catalog").RequireAuthorization(Scopes.Service);
            release.MapPost("/release", ReleaseProduct).WithName(nameof(ReleaseProduct))
                .WithSummary("SynchronousCoordination: removes the product's items so ProductService may delete it. Idempotent.");
        }

        return app;
    }

    public static async Task<Ok<ReleaseResponse>> ReleaseProduct(
        Guid id, ClaimsPrincipal user, ICatalogStore catalog, TimeProvider time, ILogger<CatalogItem> logger, CancellationToken cancellationToken)
    {
        var actor = user.Actor();
        var removed = await catalog.RemoveItemsOfProductAsync(
            id, count => AuditEntry.Of(actor, "release", "product", id, time.GetUtcNow(), $"{count} catalog item(s) removed"), cancellationToken);
        logger.LogInformation("Released product {ProductId}: removed {Count} catalog item(s) before its deletion", id, removed);
        return TypedResults.Ok(new ReleaseResponse(id, removed));
    }

    public static async Task<Results<Created<CatalogItemResponse>, ValidationProblem, ProblemHttpResult>> AddCatalogItem(
        AddCatalogItemRequest request,
        ClaimsPrincipal user,
        ICatalogStore catalog,
        IProductLookup products,
        TimeProvider time,
        ILogger<CatalogItem> logger,
        CancellationToken cancellationToken)
    {
        var errors = CatalogRules.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var productId = request.ProductId!.Value;
        var (product, refusal) = await ActiveProduct.FindAsync(products, productId, "listed", cancellationToken);
        if (product is null)
        {
            return refusal!;
        }

        var item = new CatalogItem { Id = Guid.CreateVersion7(), ProductId = productId, Category = request.Category!.Trim(), CreatedAt = time.GetUtcNow() };
        var audit = AuditEntry.Of(user.Actor(), "list", "catalog-item", item.Id, item.CreatedAt, $"product {product.ProductId} ({product.Sku}) in '{item.Category}'");
        if (!await catalog.TryAddItemAsync(item, audit, cancellationToken))
        {
            return Problems.Conflict("Already listed", $"Product {product.Sku} is already listed in '{item.Category}'.");
        }

        logger.LogInformation("Catalog item {ItemId} lists product {ProductId} ({Sku}) in {Category}", item.Id, product.ProductId, product.Sku, item.Category);
        return TypedResults.Created($"/catalog/items/{item.Id}",
            new CatalogItemResponse(item.Id, product.ProductId, product.Sku, product.Name, product.Price, item.Category));
    }

    public static async Task<Results<Ok<Page<CatalogItemResponse>>, ValidationProblem>> ListCatalogItems(
        string? after, int? limit, ICatalogListing listing, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var size = Paging.Limit(limit, errors);
        var key = Paging.After(after, parts: 2, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var window = await listing.ListActiveAsync(key is null ? null : new CatalogKey(key[0], key[1]), size + 1, cancellationToken);
        return TypedResults.Ok(Paging.Page([.. window], size, item => CatalogKey.Of(item).Parts));
    }
}
