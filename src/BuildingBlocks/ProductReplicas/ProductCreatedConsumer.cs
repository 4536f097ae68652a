using MassTransit;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

public sealed class ProductCreatedConsumer(ProductEventApplier applier) : IConsumer<ProductCreated>
{
    public Task Consume(ConsumeContext<ProductCreated> context) => applier.ApplyAsync(context.Message, context.CancellationToken);
}
