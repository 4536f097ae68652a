namespace ProductCatalogOrders.ErasureService.Requests;

public sealed record CreateErasureRequest(string? SubjectType, string? SubjectId, string? Reason);

/// <summary>One ledger row as the API shows it.</summary>
public sealed record ErasureTargetResponse(
    string Service,
    string Method,
    TargetState State,
    int Attempts,
    int Erased,
    string? LastError,
    string? BlockedReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ErasedAt,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? NextAttemptAt);

/// <summary>A request and its ledger; <see cref="State"/> is derived from the targets.</summary>
public sealed record ErasureRequestResponse(
    Guid Id,
    string SubjectType,
    string SubjectId,
    string Reason,
    string RequestedBy,
    RequestState State,
    bool Overdue,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<ErasureTargetResponse> Targets)
{
    public static ErasureRequestResponse Of(ErasureRequest request, DateTimeOffset now, TimeSpan deadline) => new(
        request.Id,
        request.SubjectType,
        request.SubjectId,
        request.Reason,
        request.RequestedBy,
        request.State,
        request.IsOverdue(now, deadline),
        request.CreatedAt,
        request.CompletedAt,
        [.. request.Targets.OrderBy(t => t.Service, StringComparer.Ordinal).Select(t => new ErasureTargetResponse(
            t.Service, t.Method.ToString(), t.State, t.Attempts, t.Erased, t.LastError, t.BlockedReason, t.CreatedAt, t.UpdatedAt, t.ErasedAt, t.VerifiedAt,
            t.State is TargetState.InProgress or TargetState.Erased or TargetState.Blocked && t.DueAt > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(t.DueAt) : null))]);
}
