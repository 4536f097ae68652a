using MassTransit;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

public sealed class ProductRestoredConsumer(ProductEventApplier applier) : IConsumer<ProductRestored>
{
    public Task Consume(ConsumeContext<ProductRestored> context) => applier.ApplyAsync(context.Message, context.CancellationToken);
}
