namespace ProductCatalogOrders.Contracts;

/// <summary>
/// <paramref name="Target"/> (a service's name) has erased the subject's data for request
/// <paramref name="RequestId"/> and committed: <paramref name="Count"/> records were erased for the
/// request so far, by every delivery of it together (so a repeat after a lost confirmation still
/// reports the first one's). Published after the commit and again on every redelivery.
/// </summary>
public sealed record CustomerErasureCompleted(Guid RequestId, string Target, int Count);
