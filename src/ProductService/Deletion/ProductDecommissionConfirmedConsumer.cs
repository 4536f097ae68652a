using MassTransit;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>A consumer confirmed a decommission: record it, and complete the decommission once every registered consumer has.</summary>
public sealed class ProductDecommissionConfirmedConsumer(DecommissionConfirmations confirmations) : IConsumer<ProductDecommissionConfirmed>
{
    public Task Consume(ConsumeContext<ProductDecommissionConfirmed> context) => confirmations.RecordAsync(context.Message, context.CancellationToken);
}
