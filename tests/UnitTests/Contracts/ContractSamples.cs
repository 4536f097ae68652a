using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.UnitTests.Contracts;

/// <summary>One fixed instance of every contract: the content of its checked-in sample.</summary>
internal static class ContractSamples
{
    private static readonly Guid ProductId = Guid.Parse("0197a5c2-4e1b-7c3d-9f00-5a6b7c8d9e01");
    private static readonly Guid RequestId = Guid.Parse("0197a5c2-4e1b-7c3d-9f00-5a6b7c8d9e02");
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    public static IReadOnlyList<object> All { get; } =
    [
        new ProductCreated(ProductId, 1, At, State(ProductStatus.Active)),
        new ProductUpdated(ProductId, 2, At, State(ProductStatus.Active)),
        new ProductDecommissioned(ProductId, 3, At, State(ProductStatus.Decommissioning)),
        new ProductDecommissionCompleted(ProductId, 4, At, State(ProductStatus.Decommissioned)),
        new ProductRestored(ProductId, 5, At, State(ProductStatus.Active)),
        new ProductLegalHoldChanged(ProductId, 6, At, State(ProductStatus.Decommissioned), OnLegalHold: true),
        new ProductPurged(ProductId, 8, At, new ProductState("APL-1", "", 0m, ProductStatus.Purged)),
        new ProductDecommissionConfirmed(ProductId, 3, "catalog", At),
        new ProductPurgeConfirmed(ProductId, 8, "order", At),
        new CustomerErasureRequested(RequestId, "customer", "c-1042"),
        new CustomerErasureCompleted(RequestId, "catalog", 3),
    ];

    private static ProductState State(ProductStatus status) => new("APL-1", "Apple", 1.50m, status);
}
