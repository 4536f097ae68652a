namespace ProductCatalogOrders.Contracts;

/// <summary>
/// <paramref name="Target"/> (a service's name) has erased the subject's data for request
/// <paramref name="RequestId"/> and committed: <paramref name="Count"/> records were erased by this
/// delivery (0 on a repeat). Published after the commit and again on every redelivery.
/// </summary>
public sealed record CustomerErasureCompleted(Guid RequestId, string Target, int Count);
