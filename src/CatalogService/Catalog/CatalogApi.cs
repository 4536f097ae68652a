using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Catalog;

public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/catalog/items").WithTags("Catalog");
        api.MapPost("/", AddCatalogItem).WithName(nameof(AddCatalogItem))
            .WithSummary("Lists an Active product in a category; 422 when the product is unknown or not Active.");
        api.MapGet("/", ListCatalogItems).WithName(nameof(ListCatalogItems))
            .WithSummary("The catalog: items whose product is Active, with name and price from the local cache.");
        return app;
    }

    public static async Task<Results<Created<CatalogItemResponse>, ValidationProblem, ProblemHttpResult>> AddCatalogItem(
        AddCatalogItemRequest request, CatalogDbContext db, TimeProvider time, ILogger<CatalogItem> logger, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ProductId is null || request.ProductId == Guid.Empty)
        {
            errors["productId"] = ["A product id is required."];
        }

        var category = request.Category?.Trim();
        if (string.IsNullOrEmpty(category))
        {
            errors["category"] = ["A category is required."];
        }
        else if (category.Length > CatalogDbContext.MaxCategoryLength)
        {
            errors["category"] = [$"A category has at most {CatalogDbContext.MaxCategoryLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var productId = request.ProductId!.Value;
        var product = await db.ProductReplicas.AsNoTracking().SingleOrDefaultAsync(p => p.ProductId == productId, cancellationToken);
        if (product is null)
        {
            return Problems.Unprocessable(
                "Unknown product", $"No product {productId} is known to the catalog; a product created moments ago may still be on its way.");
        }

        if (product.Status != ProductStatus.Active)
        {
            return Problems.Unprocessable("Product not Active", $"Product {product.Sku} is {product.Status} and cannot be listed.");
        }

        if (await db.CatalogItems.AnyAsync(i => i.ProductId == productId && i.Category == category, cancellationToken))
        {
            return Problems.Conflict("Already listed", $"Product {product.Sku} is already listed in '{category}'.");
        }

        var item = new CatalogItem { Id = Guid.CreateVersion7(), ProductId = productId, Category = category!, CreatedAt = time.GetUtcNow() };
        db.CatalogItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);

        logger.LogInformation("Catalog item {ItemId} lists product {ProductId} ({Sku}) in {Category}", item.Id, product.ProductId, product.Sku, item.Category);
        return TypedResults.Created($"/catalog/items/{item.Id}",
            new CatalogItemResponse(item.Id, product.ProductId, product.Sku, product.Name, product.Price, item.Category));
    }

    public static async Task<Ok<List<CatalogItemResponse>>> ListCatalogItems(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var items = await db.CatalogItems.AsNoTracking()
            .Join(db.ProductReplicas.AsNoTracking(), i => i.ProductId, p => p.ProductId, (i, p) => new { Item = i, Product = p })
            .Where(x => x.Product.Status == ProductStatus.Active)
            .OrderBy(x => x.Product.Sku).ThenBy(x => x.Item.Category)
            .Select(x => new CatalogItemResponse(x.Item.Id, x.Product.ProductId, x.Product.Sku, x.Product.Name, x.Product.Price, x.Item.Category))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(items);
    }
}
