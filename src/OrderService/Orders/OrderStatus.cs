namespace ProductCatalogOrders.OrderService.Orders;

public enum OrderStatus
{
    /// <summary>Placed and not yet fulfilled: it still depends on its products.</summary>
    Open,

    Fulfilled,

    Cancelled,
}
