using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Removal;

/// <summary>
/// SynchronousCoordination: before deleting, ask every dependent to release its references over
/// HTTP. Order is asked first because it only answers yes or no; Catalog then removes its items.
/// If a dependent refuses or cannot be reached, nothing is deleted. The price is latency and
/// availability: a removal is only possible while every dependent is up.
/// </summary>
public sealed class CoordinatedRemoval(IHttpClientFactory clients, JustDeleteRemoval delete, ProductsDbContext db) : IProductRemoval
{
    public const string OrderService = "http://orderservice";
    public const string CatalogService = "http://catalogservice";

    public async Task<RemovalOutcome> RemoveAsync(Guid productId, CancellationToken cancellationToken)
    {
        if (!db.Products.Any(p => p.Id == productId))
        {
            return RemovalOutcome.NotFound;
        }

        foreach (var (name, release) in new[]
        {
            ("OrderService", $"{OrderService}/orders/products/{productId}/release"),
            ("CatalogService", $"{CatalogService}/catalog/products/{productId}/release"),
        })
        {
            if (await AskAsync(name, release, cancellationToken) is { } refusal)
            {
                return refusal;
            }
        }

        return await delete.RemoveAsync(productId, cancellationToken);
    }

    private async Task<RemovalOutcome?> AskAsync(string dependent, string release, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await clients.CreateClient(dependent).PostAsync(release, null, cancellationToken);
            return response.IsSuccessStatusCode
                ? null
                : RemovalOutcome.Refused($"{dependent} refused to release the product ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return RemovalOutcome.DependentUnavailable($"{dependent} could not be asked to release the product ({exception.GetBaseException().Message}).");
        }
    }
}
