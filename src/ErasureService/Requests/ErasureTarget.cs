using ProductCatalogOrders.BuildingBlocks.Privacy;

namespace ProductCatalogOrders.ErasureService.Requests;

/// <summary>
/// One row of a request's ledger: one service that holds the subject's data, how it is reached, and
/// where its erasure stands. The processor works from these rows alone, so a restart resumes.
/// </summary>
public sealed class ErasureTarget
{
    public Guid RequestId { get; set; }

    /// <summary>The service's own name from its inventory ("order"); confirmations name it.</summary>
    public required string Service { get; set; }

    /// <summary>The service-discovery name it was found under ("orderservice").</summary>
    public required string Address { get; set; }

    public ErasureMethod Method { get; set; }

    /// <summary>For a synchronous target, the path to POST (<c>{id}</c> is the subject).</summary>
    public string? ErasureEndpoint { get; set; }

    public required string VerificationEndpoint { get; set; }

    public TargetState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>Records the target reported erased, over every attempt.</summary>
    public int Erased { get; set; }

    public string? LastError { get; set; }

    /// <summary>Why it is Blocked: every failed check's reason.</summary>
    public string? BlockedReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ErasedAt { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>Unix milliseconds from which the processor looks at the row again: a retry's backoff, a confirmation's wait.</summary>
    public long DueAt { get; set; }

    /// <summary>The processor and the confirmation consumer both write rows; the later writer re-reads.</summary>
    public long Revision { get; set; }
}
