namespace ProductCatalogOrders.ErasureService.Requests;

/// <summary>A request to forget one subject everywhere; its state is derived from its targets (the ledger).</summary>
public sealed class ErasureRequest
{
    public const int MaxSubjectIdLength = 64;
    public const int MaxReasonLength = 500;

    public Guid Id { get; set; }

    public required string SubjectType { get; set; }

    public required string SubjectId { get; set; }

    public required string Reason { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>
    /// "type:id" while the request is open, null once it is Verified: a unique index on it makes a
    /// second request for the same subject impossible while one is open, even when two race.
    /// </summary>
    public string? OpenSubject { get; set; }

    public List<ErasureTarget> Targets { get; set; } = [];

    public static string SubjectKey(string subjectType, string subjectId) => $"{subjectType}:{subjectId}";

    public RequestState State => LedgerRules.StateOf(Targets.Select(t => t.State));

    public bool IsOverdue(DateTimeOffset now, TimeSpan deadline) => CompletedAt is null && now - CreatedAt > deadline;
}
