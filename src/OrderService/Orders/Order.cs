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

    public OrderStatus Status { get; set; } = OrderStatus.Open;

    public DateTimeOffset? ClosedAt { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    /// <summary>
    /// Forgets the customer: the id becomes its keyed token, name, email and address are removed.
    /// Lines, amounts, dates and status stay for accounting. Applying it again changes nothing.
    /// </summary>
    public void Anonymise(string customerToken)
    {
        CustomerId = customerToken;
        CustomerName = "";
        CustomerEmail = "";
        ShippingAddress = "";
    }

    /// <summary>An open order is fulfilled or cancelled once; repeating the same step is harmless, switching is refused.</summary>
    public (bool Changed, string? Refusal) Close(OrderStatus outcome, DateTimeOffset now)
    {
        if (Status == outcome)
        {
            return (false, null);
        }

        if (Status != OrderStatus.Open)
        {
            return (false, $"Order {Id} is {Status}; only an Open order can become {outcome}.");
        }

        Status = outcome;
        ClosedAt = now;
        return (true, null);
    }
}
