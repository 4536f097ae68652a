namespace ProductCatalogOrders.ErasureService.Ledger;

/// <summary>
/// One erasure event, appended in the same transaction as the ledger change it records: the source of
/// the offline dataset. Sequence numbers increase in commit order; rows are never updated or deleted.
/// It holds the subject id and the request id, and no other personal data.
/// </summary>
public sealed class LedgerEvent
{
    public long Sequence { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The target service for target events; <c>erasure</c> for the request's own.</summary>
    public required string Service { get; init; }

    /// <summary>One of <see cref="LedgerEventKinds"/>.</summary>
    public required string Kind { get; init; }

    public Guid RequestId { get; init; }

    public required string SubjectType { get; init; }

    public required string SubjectId { get; init; }
}

public static class LedgerEventKinds
{
    public const string Requested = "requested";
    public const string TargetErased = "target-erased";
    public const string TargetFailed = "target-failed";
    public const string Blocked = "blocked";
    public const string Verified = "verified";
}
