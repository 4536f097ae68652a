using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.UnitTests.Orders;

public sealed class OrderStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Order Open() => new() { CustomerId = "c-1", CustomerName = "Ann", CustomerEmail = "ann@example.com", ShippingAddress = "1 Main St" };

    [Theory]
    [InlineData(OrderStatus.Fulfilled)]
    [InlineData(OrderStatus.Cancelled)]
    public void Open_order_can_be_closed_once_and_repeating_is_harmless(OrderStatus outcome)
    {
        var order = Open();

        Assert.Equal((true, (string?)null), order.Close(outcome, Now));
        Assert.Equal((false, (string?)null), order.Close(outcome, Now.AddHours(1)));
        Assert.Equal((outcome, Now), (order.Status, order.ClosedAt!.Value));
    }

    [Fact]
    public void Fulfilled_order_cannot_be_cancelled()
    {
        var order = Open();
        order.Close(OrderStatus.Fulfilled, Now);

        var (changed, refusal) = order.Close(OrderStatus.Cancelled, Now);

        Assert.False(changed);
        Assert.Contains("only an Open order", refusal);
        Assert.Equal(OrderStatus.Fulfilled, order.Status);
    }
}
