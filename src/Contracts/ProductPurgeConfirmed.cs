namespace ProductCatalogOrders.Contracts;

/// <summary>
/// A consumer has applied the purge at <paramref name="Version"/>: it holds none of the erased master
/// data any more. When every registered consumer has confirmed, the purge is complete.
/// </summary>
public sealed record ProductPurgeConfirmed(Guid ProductId, long Version, string Consumer, DateTimeOffset ConfirmedAt);
