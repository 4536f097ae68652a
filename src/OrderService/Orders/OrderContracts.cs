using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.OrderService.Orders;

public sealed record PlaceOrderRequest(
    string? CustomerId, string? CustomerName, string? CustomerEmail, string? ShippingAddress, List<OrderLineRequest?>? Lines);

public sealed record OrderLineRequest(Guid? ProductId, int? Quantity);

/// <summary>A line as ordered (the snapshot), plus the product's status now, from the local replica.</summary>
public sealed record OrderLineResponse(
    Guid ProductId, string ProductSku, string ProductName, int Quantity, decimal UnitPrice, ProductStatus CurrentProductStatus);

public sealed record OrderResponse(
    Guid Id,
    string CustomerId,
    string CustomerName,
    string CustomerEmail,
    string ShippingAddress,
    DateTimeOffset CreatedAt,
    OrderStatus Status,
    DateTimeOffset? ClosedAt,
    decimal Total,
    IReadOnlyList<OrderLineResponse> Lines);

/// <summary>How many open orders reference a product: what ProductService's dependency check asks before a purge.</summary>
public sealed record OpenOrdersResponse(Guid ProductId, int OpenOrders);
