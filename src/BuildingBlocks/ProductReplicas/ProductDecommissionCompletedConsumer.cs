using MassTransit;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>The decommission is complete: the copy takes the Decommissioned status and stays as a tombstone. Nothing to confirm.</summary>
public sealed class ProductDecommissionCompletedConsumer(ProductEventApplier applier) : IConsumer<ProductDecommissionCompleted>
{
    public Task Consume(ConsumeContext<ProductDecommissionCompleted> context) => applier.ApplyAsync(context.Message, context.CancellationToken);
}
