using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.ProductService.Products;

public sealed record ProductResponse(
    Guid Id,
    string Sku,
    string Name,
    decimal Price,
    ProductStatus Status,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DecommissionedAt,
    DateTimeOffset? PurgedAt,
    LegalHoldResponse? LegalHold)
{
    public static ProductResponse From(Product product) => new(
        product.Id, product.Sku, product.Name, product.Price, product.Status, product.Version,
        product.CreatedAt, product.UpdatedAt, product.DecommissionedAt, product.PurgedAt,
        product.IsOnLegalHold ? new LegalHoldResponse(product.LegalHoldReason!, product.LegalHoldSince!.Value, product.LegalHoldBy!) : null);
}

public sealed record LegalHoldResponse(string Reason, DateTimeOffset Since, string By);

/// <summary>One page of the snapshot. Pass <see cref="Next"/> as <c>after</c> to get the following page; null means the end.</summary>
public sealed record ProductPage(IReadOnlyList<ProductResponse> Items, string? Next);
