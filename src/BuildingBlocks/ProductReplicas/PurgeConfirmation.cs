using MassTransit;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>
/// Confirms a purge to ProductService once this service has applied it and committed. Like the
/// decommission confirmation, it is published again on every redelivery (ProductService records each
/// confirmation once), so a crash between the commit and the publish loses nothing.
/// </summary>
public sealed class PurgeConfirmation(ProductEventApplier applier, ConsumerIdentity consumer, TimeProvider time)
{
    public async Task ConfirmAsync(ConsumeContext<ProductPurged> context, ReplicaChange change)
    {
        var purge = context.Message;

        // A duplicate finds the copy already purged at this version: the purge is applied, so confirm.
        var applied = change != ReplicaChange.IgnoredStale
            || await applier.FindAsync(purge.ProductId, context.CancellationToken) is { Status: ProductStatus.Purged } replica
                && replica.Version >= purge.Version;
        if (applied)
        {
            await context.Publish(new ProductPurgeConfirmed(purge.ProductId, purge.Version, consumer.Name, time.GetUtcNow()), context.CancellationToken);
        }
    }
}
