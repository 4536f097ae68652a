namespace ProductCatalogOrders.OrderService.Orders;

/// <summary>
/// One product on an order. <see cref="ProductId"/> is a foreign key to the local ProductReplica,
/// so the database itself guarantees every line resolves; the snapshot fields record what the
/// customer saw when ordering.
/// </summary>
public sealed class OrderLine
{
    public long Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid ProductId { get; set; }

    public int Quantity { get; set; }

    public decimal UnitPrice { get; set; }

    public required string ProductSku { get; set; }

    public required string ProductName { get; set; }
}
