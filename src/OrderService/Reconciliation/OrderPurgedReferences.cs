using ProductCatalogOrders.BuildingBlocks.Reconciliation;

namespace ProductCatalogOrders.OrderService.Reconciliation;

/// <summary>
/// Order lines are shallow references: a purge learnt from the snapshot takes only the status and
/// version, keeping the copy's SKU, name and price, as <see cref="Orders.ProductPurgedConsumer"/> does. Nothing is released.
/// </summary>
public sealed class OrderPurgedReferences : IPurgedReferences
{
    public bool KeepCopyOnPurge => true;

    public Task<int> ReleaseAsync(Guid productId, string sku, CancellationToken cancellationToken) => Task.FromResult(0);
}
