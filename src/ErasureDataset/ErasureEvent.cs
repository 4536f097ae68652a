namespace ProductCatalogOrders.ErasureDataset;

/// <summary>
/// One erasure event as the offline dataset keeps it: which request, which subject, what happened,
/// where and when. <see cref="Sequence"/> is the source's order (the ledger's), unique and increasing;
/// <see cref="Kind"/> is one of <see cref="ErasureEventKinds"/>. The subject id is the only personal
/// datum, and the dataset holds nothing else personal.
/// </summary>
public sealed record ErasureEvent(
    long Sequence,
    DateTimeOffset OccurredAt,
    string Service,
    string Kind,
    Guid RequestId,
    string SubjectType,
    string SubjectId);
