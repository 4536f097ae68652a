using MassTransit;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.OrderService.Orders;

/// <summary>
/// Order lines are shallow references: they keep the SKU, name and price the customer ordered.
/// On a purge the replica takes the Purged status and version only, so every line still resolves
/// to its snapshot.
/// </summary>
public sealed class ProductPurgedConsumer(ProductEventApplier applier) : IConsumer<ProductPurged>
{
    public Task Consume(ConsumeContext<ProductPurged> context) => applier.ApplyStatusOnlyAsync(context.Message, context.CancellationToken);
}
