using MassTransit;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>
/// Applies the decommission and confirms it to ProductService. A redelivered event is confirmed
/// again (ProductService records each confirmation once), so a confirmation lost between the update
/// and the publish is recovered by the retry.
/// </summary>
public sealed class ProductDecommissionedConsumer(ProductEventApplier applier, ConsumerIdentity consumer, TimeProvider time)
    : IConsumer<ProductDecommissioned>
{
    public async Task Consume(ConsumeContext<ProductDecommissioned> context)
    {
        var decommission = context.Message;
        var change = await applier.ApplyAsync(decommission, context.CancellationToken);
        if (decommission.Product.Status != ProductStatus.Decommissioning)
        {
            return; // The completion (Decommissioned) needs no confirmation.
        }

        var isCurrent = change != ReplicaChange.IgnoredStale
            || (await applier.FindAsync(decommission.ProductId, context.CancellationToken))?.Version == decommission.Version;
        if (isCurrent)
        {
            await context.Publish(
                new ProductDecommissionConfirmed(decommission.ProductId, decommission.Version, consumer.Name, time.GetUtcNow()),
                context.CancellationToken);
        }
    }
}
