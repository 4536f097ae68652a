namespace ProductCatalogOrders.Contracts;

/// <summary>
/// A consumer has applied the decommission at <paramref name="Version"/> and holds no live reference
/// any more. When every registered consumer has confirmed, the product becomes Decommissioned.
/// </summary>
public sealed record ProductDecommissionConfirmed(Guid ProductId, long Version, string Consumer, DateTimeOffset ConfirmedAt);
