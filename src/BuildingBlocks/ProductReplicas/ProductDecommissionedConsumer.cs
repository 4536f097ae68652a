using MassTransit;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>
/// Applies the decommission and confirms it to ProductService. A redelivered event is confirmed
/// again (ProductService records each confirmation once), so a confirmation lost between the update
/// and the publish is recovered by the retry. A confirmation for an earlier decommission (one undone
/// by a restore) is ignored by ProductService, which counts only its current decommission.
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
            // Before ProductDecommissionCompleted existed, the completion travelled as this event;
            // one still queued is applied like the completion and needs no confirmation.
            return;
        }

        // Confirm also when the copy is already past this version but still decommissioned: a later
        // change on the way out (a legal hold, the completion) may have arrived first on its own queue.
        var confirm = change != ReplicaChange.IgnoredStale
            || await applier.FindAsync(decommission.ProductId, context.CancellationToken) is
                { Status: ProductStatus.Decommissioning or ProductStatus.Decommissioned } replica && replica.Version >= decommission.Version;
        if (confirm)
        {
            await context.Publish(
                new ProductDecommissionConfirmed(decommission.ProductId, decommission.Version, consumer.Name, time.GetUtcNow()),
                context.CancellationToken);
        }
    }
}
