using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.OrderService.Reconciliation;

/// <summary>Order lines reference products: the reconciliation report counts them per finding.</summary>
public sealed class OrderLineReferences(OrdersDbContext db) : IProductReferences
{
    public string ResourceType => "order_line";

    public async Task<IReadOnlyDictionary<Guid, int>> CountByProductAsync(CancellationToken cancellationToken) =>
        await db.Set<OrderLine>().AsNoTracking().GroupBy(l => l.ProductId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
