using MassTransit;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

public sealed class ProductUpdatedConsumer(ProductEventApplier applier) : IConsumer<ProductUpdated>
{
    public Task Consume(ConsumeContext<ProductUpdated> context) => applier.ApplyAsync(context.Message, context.CancellationToken);
}
