using ProductCatalogOrders.BuildingBlocks.Privacy;

namespace ProductCatalogOrders.OrderService.Privacy;

/// <summary>
/// The order's personal data: the customer's id, name, email and shipping address on every order.
/// Erased synchronously by anonymising: lines, amounts, dates and statuses stay for accounting.
/// </summary>
public static class OrderPersonalData
{
    public static readonly PersonalDataHolding Orders = new(
        PrivacySetup.Customer,
        "ordersdb",
        "Orders",
        ["customerId", "customerName", "customerEmail", "shippingAddress"],
        ErasureMethod.Synchronous,
        ErasureEffect.Anonymised,
        "/customers/{id}/erasure",
        "/customers/{id}/personal-data");
}
