namespace ProductCatalogOrders.CatalogService.Reviews;

/// <summary>A customer's review of a product: customer data, erased when the customer asks to be forgotten.</summary>
public sealed class Review
{
    public Guid Id { get; set; }

    public Guid ProductId { get; set; }

    public required string CustomerId { get; set; }

    public int Rating { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
