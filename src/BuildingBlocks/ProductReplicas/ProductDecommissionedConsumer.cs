using MassTransit;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

public sealed class ProductDecommissionedConsumer(ProductEventApplier applier) : IConsumer<ProductDecommissioned>
{
    public Task Consume(ConsumeContext<ProductDecommissioned> context) => applier.ApplyAsync(context.Message, context.CancellationToken);
}
