using System.Security.Claims;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Deletion.Checks;

/// <summary>What a check may look at: the product, who asks, and which consumers have confirmed.</summary>
public sealed record DeletionCheckContext(
    Product Product,
    ClaimsPrincipal Caller,
    IReadOnlyCollection<string> ConfirmedConsumers,
    DateTimeOffset Now);
