namespace ProductCatalogOrders.BuildingBlocks.Audit;

/// <summary>
/// One change, as the audit trail keeps it: who (the token's subject and name), what, to which
/// resource, when. Append-only: rows are added in the transaction of the change they record and
/// never updated or deleted.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxActorLength = 200;
    public const int MaxDetailLength = 500;

    /// <summary>Increasing in commit order; the keyset of <c>GET /audit</c>.</summary>
    public long Sequence { get; init; }

    public DateTimeOffset At { get; init; }

    public required string Actor { get; init; }

    public required string Action { get; init; }

    public required string ResourceType { get; init; }

    public required string ResourceId { get; init; }

    public string? Detail { get; init; }

    public static AuditEntry Of(string actor, string action, string resourceType, object resourceId, DateTimeOffset at, string? detail = null) => new()
    {
        Actor = Truncate(actor, MaxActorLength)!,
        Action = action,
        ResourceType = resourceType,
        ResourceId = resourceId.ToString()!,
        At = at,
        Detail = Truncate(detail, MaxDetailLength),
    };

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
