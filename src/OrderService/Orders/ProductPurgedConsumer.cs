using MassTransit;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.OrderService.Orders;

/// <summary>
/// Order lines are shallow references: they keep the SKU, name and price the customer ordered.
/// On a purge the replica takes the Purged status and version only, so every line still resolves
/// to its snapshot. Then the purge is confirmed to ProductService.
/// </summary>
public sealed class ProductPurgedConsumer(ProductEventApplier applier, PurgeConfirmation confirmation) : IConsumer<ProductPurged>
{
    public async Task Consume(ConsumeContext<ProductPurged> context)
    {
        var change = await applier.ApplyStatusOnlyAsync(context.Message, context.CancellationToken);
        await confirmation.ConfirmAsync(context, change);
    }
}
