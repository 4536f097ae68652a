using MassTransit;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>
/// A legal hold changes nothing a consumer shows, but it is a version of the product like any other:
/// applying it keeps the copy's version equal to ProductService's.
/// </summary>
public sealed class ProductLegalHoldChangedConsumer(ProductEventApplier applier) : IConsumer<ProductLegalHoldChanged>
{
    public Task Consume(ConsumeContext<ProductLegalHoldChanged> context) => applier.ApplyAsync(context.Message, context.CancellationToken);
}
