using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Removal;

/// <summary>
/// SynchronousCoordination: before deleting, ask every dependent to release its references over
/// HTTP. First the product is taken out of service (Decommissioning), so the dependents, which look
/// it up synchronously, stop accepting new references while they are asked; then Order, which only
/// answers yes or no; then Catalog, which removes its items. If a dependent refuses or cannot be
/// reached, the product is put back as it was and nothing is deleted. The price is latency and
/// availability: a removal is only possible while every dependent is up. A reference created by a
/// request already in flight when the product left service can still slip through: there is no
/// distributed transaction here, only a narrow window.
/// </summary>
public sealed class CoordinatedRemoval(
    IHttpClientFactory clients, JustDeleteRemoval delete, ProductsDbContext db, TimeProvider time) : IProductRemoval
{
    /// <summary>Putting a product back after a refused removal is always allowed.</summary>
    private static readonly TimeSpan AnyTime = TimeSpan.FromDays(36500);

    public const string OrderService = "http://orderservice";
    public const string CatalogService = "http://catalogservice";

    public async Task<RemovalOutcome> RemoveAsync(Guid productId, string actor, CancellationToken cancellationToken)
    {
        var (product, transition) = await ProductChanges.ApplyAsync(
            db, productId, (p, now) => p.Decommission(now), ProductEvents.Decommissioned, time, cancellationToken);
        if (product is null)
        {
            return RemovalOutcome.NotFound;
        }

        if (transition.Outcome == TransitionOutcome.Refused)
        {
            return RemovalOutcome.Refused(transition.Reason!);
        }

        var wasActive = transition.Outcome == TransitionOutcome.Applied;

        foreach (var (name, release) in new[]
        {
            ("OrderService", $"{OrderService}/orders/products/{productId}/release"),
            ("CatalogService", $"{CatalogService}/catalog/products/{productId}/release"),
        })
        {
            if (await AskAsync(name, release, cancellationToken) is { } refusal)
            {
                if (wasActive)
                {
                    db.ChangeTracker.Clear();
                    await ProductChanges.ApplyAsync(db, productId, (p, now) => p.Restore(now, AnyTime), ProductEvents.Restored, time, cancellationToken);
                }

                return refusal;
            }
        }

        return await delete.RemoveAsync(productId, actor, cancellationToken);
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
