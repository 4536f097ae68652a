using MassTransit;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>A consumer confirmed a purge: record it; the purge is complete once every registered consumer has.</summary>
public sealed class ProductPurgeConfirmedConsumer(PurgeConfirmations confirmations) : IConsumer<ProductPurgeConfirmed>
{
    public Task Consume(ConsumeContext<ProductPurgeConfirmed> context) => confirmations.RecordAsync(context.Message, context.CancellationToken);
}
