namespace ProductCatalogOrders.Contracts;

/// <summary>
/// ErasureService asks every service that erases <paramref name="SubjectType"/> data asynchronously to
/// erase what it holds for <paramref name="SubjectId"/> under request <paramref name="RequestId"/>.
/// It may be published more than once for the same request (a lost confirmation is asked for again);
/// erasing is idempotent, so a repeat changes nothing.
/// </summary>
public sealed record CustomerErasureRequested(Guid RequestId, string SubjectType, string SubjectId);
