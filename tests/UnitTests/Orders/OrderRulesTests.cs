using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.UnitTests.Orders;

public sealed class OrderRulesTests
{
    private static PlaceOrderRequest Valid(params OrderLineRequest?[] lines) =>
        new("c-1", "Ann", "ann@example.com", "1 Main Street", lines.Length == 0 ? [new OrderLineRequest(Guid.NewGuid(), 1)] : [.. lines]);

    [Fact]
    public void Valid_order_has_no_errors() => Assert.Empty(OrderRules.Validate(Valid()));

    [Fact]
    public void Order_without_lines_is_refused()
    {
        var errors = OrderRules.Validate(Valid() with { Lines = [] });

        Assert.Equal(["lines"], errors.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(OrderRules.MaxQuantity + 1)]
    public void Quantity_out_of_range_is_refused(int quantity)
    {
        var errors = OrderRules.Validate(Valid(new OrderLineRequest(Guid.NewGuid(), quantity)));

        Assert.Equal(["lines[0].quantity"], errors.Keys);
    }

    [Fact]
    public void Line_without_product_is_refused()
    {
        var errors = OrderRules.Validate(Valid(new OrderLineRequest(null, 1)));

        Assert.Equal(["lines[0].productId"], errors.Keys);
    }

    [Fact]
    public void Invalid_email_is_refused()
    {
        var errors = OrderRules.Validate(Valid() with { CustomerEmail = "not an email" });

        Assert.Equal(["customerEmail"], errors.Keys);
    }

    [Fact]
    public void Missing_customer_fields_are_all_reported()
    {
        var errors = OrderRules.Validate(new PlaceOrderRequest(null, null, null, null, null));

        Assert.Equal(["customerEmail", "customerId", "customerName", "lines", "shippingAddress"], errors.Keys.Order());
    }
}
