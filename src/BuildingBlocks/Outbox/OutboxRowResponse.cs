namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>
/// An outbox row as an operator sees it: <see cref="Id"/> is its sequence (the id to release it by),
/// <see cref="State"/> is <c>parked</c>, <c>pending</c> or <c>published</c>, <see cref="Error"/> why it was parked.
/// </summary>
public sealed record OutboxRowResponse(
    long Id, Guid MessageId, string MessageType, DateTimeOffset CreatedAt, DateTimeOffset? ParkedAt, int Attempts, string? Error, string State)
{
    public static OutboxRowResponse From(OutboxMessage row) => new(
        row.Sequence, row.MessageId, row.MessageType, row.CreatedAt, row.ParkedAt, row.Attempts, row.LastError,
        row.IsParked ? "parked" : row.DispatchedAt is null ? "pending" : "published");
}
