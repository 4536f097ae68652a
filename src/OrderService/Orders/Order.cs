namespace ProductCatalogOrders.OrderService.Orders;

/// <summary>An order and the customer's personal data it carries.</summary>
public sealed class Order
{
    public Guid Id { get; set; }

    public required string CustomerId { get; set; }

    public required string CustomerName { get; set; }

    public required string CustomerEmail { get; set; }

    public required string ShippingAddress { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<OrderLine> Lines { get; set; } = [];
}
