using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.ProductService.Products;

public static class ProductsApi
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/products").WithTags("Products").AllowAnonymous();
        reads.MapGet("/{id:guid}", GetProduct).WithName(nameof(GetProduct)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Returns the product in any status, tombstones included.");
        reads.MapGet("/", ListProducts).WithName(nameof(ListProducts))
            .WithSummary("A page of products ordered by SKU: the snapshot consumers rebuild their caches from.");

        var writes = app.MapGroup("/products").WithTags("Products").RequireAuthorization(Scopes.ProductsWrite);
        writes.MapPost("/", CreateProduct).WithName(nameof(CreateProduct)).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Registers an Active product and publishes ProductCreated.");
        writes.MapPut("/{id:guid}", UpdateProduct).WithName(nameof(UpdateProduct)).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Changes name and price of an Active product and publishes ProductUpdated.");

        return app;
    }

    public static async Task<Results<Created<ProductResponse>, ValidationProblem, ProblemHttpResult>> CreateProduct(
        CreateProductRequest request, ClaimsPrincipal user, ProductsDbContext db, TimeProvider time, ILogger<Product> logger,
        CancellationToken cancellationToken)
    {
        var errors = ProductRules.Validate(request.Sku, request.Name, request.Price, skuRequired: true);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var sku = request.Sku!.Trim();
        if (await db.Products.AnyAsync(p => p.Sku == sku, cancellationToken))
        {
            return DuplicateSku(sku);
        }

        var now = time.GetUtcNow();
        var product = Product.Create(sku, request.Name!.Trim(), request.Price!.Value, now);
        db.Products.Add(product);
        db.Enqueue(ProductEvents.Created(product), now);
        db.AuditEntries.Add(AuditEntry.Of(user.Actor(), "create", "product", product.Id, now, $"{product.Sku}: {product.Status}, version {product.Version}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Products.AnyAsync(p => p.Sku == sku, cancellationToken))
            {
                return DuplicateSku(sku); // A concurrent request took the SKU between the check and the insert.
            }

            throw;
        }

        logger.LogInformation("Product {ProductId} ({Sku}) created at version {Version}", product.Id, product.Sku, product.Version);
        return TypedResults.Created($"/products/{product.Id}", ProductResponse.From(product));
    }

    public static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> GetProduct(
        Guid id, ProductsDbContext db, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null ? ProductNotFound(id) : TypedResults.Ok(ProductResponse.From(product));
    }

    public static async Task<Results<Ok<ProductPage>, ValidationProblem>> ListProducts(
        string? status, string? after, int? limit, ProductsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ProductStatus? statusFilter = null;
        if (!string.IsNullOrEmpty(status))
        {
            // By name only: status=1 is refused like any unknown status, as the contract spells enums as strings.
            if (Enum.GetNames<ProductStatus>().Contains(status, StringComparer.Ordinal))
            {
                statusFilter = Enum.Parse<ProductStatus>(status);
            }
            else
            {
                errors["status"] = [$"Unknown status '{status}'; use one of {string.Join(", ", Enum.GetNames<ProductStatus>())}."];
            }
        }

        var pageSize = limit ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["limit"] = [$"The limit is between 1 and {MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Products.AsNoTracking();
        if (statusFilter is { } wanted)
        {
            query = query.Where(p => p.Status == wanted);
        }

        if (!string.IsNullOrEmpty(after))
        {
            query = query.Where(p => string.Compare(p.Sku, after) > 0);
        }

        var page = await query.OrderBy(p => p.Sku).Take(pageSize + 1).ToListAsync(cancellationToken);
        var items = page.Take(pageSize).Select(ProductResponse.From).ToList();
        var next = page.Count > pageSize ? items[^1].Sku : null;
        return TypedResults.Ok(new ProductPage(items, next));
    }

    public static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> UpdateProduct(
        Guid id, UpdateProductRequest request, ClaimsPrincipal user, ProductsDbContext db, TimeProvider time, ILogger<Product> logger,
        CancellationToken cancellationToken)
    {
        var errors = ProductRules.Validate(sku: null, request.Name, request.Price, skuRequired: false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (product, transition) = await ProductChanges.ApplyAsync(
            db, id, (p, now) => p.Update(request.Name!.Trim(), request.Price!.Value, now), ProductEvents.Updated, time, cancellationToken,
            new(user.Actor(), "update"));
        if (product is null)
        {
            return ProductNotFound(id);
        }

        if (transition.Outcome == TransitionOutcome.Refused)
        {
            return Problems.Conflict("Product cannot be updated", transition.Reason);
        }

        logger.LogInformation("Product {ProductId} ({Sku}) updated to version {Version}", product.Id, product.Sku, product.Version);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    private static ProblemHttpResult DuplicateSku(string sku) =>
        Problems.Conflict("Duplicate SKU", $"A product with SKU '{sku}' already exists.");

    private static ProblemHttpResult ProductNotFound(Guid id) => Problems.NotFound("Product not found", $"No product has id {id}.");
}
