namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>
/// An integration event waiting to be published. It is written in the same transaction as the
/// state change it describes, so an event exists if and only if the change was committed.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Store-generated, increasing: the dispatch order.</summary>
    public long Sequence { get; set; }

    /// <summary>Becomes the MassTransit MessageId, so a re-publish after a crash is recognisably the same message.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The contract type's full name, resolved against the Contracts assembly.</summary>
    public required string MessageType { get; set; }

    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The W3C traceparent of the request that committed the event, so its publish joins that trace.</summary>
    public string? TraceParent { get; set; }

    /// <summary>
    /// Unix milliseconds until which a dispatcher owns the row. Stored as a number so the lease
    /// comparison translates on every provider. After a failure it doubles as the retry delay.
    /// </summary>
    public long LeasedUntil { get; set; }

    public Guid? LeaseOwner { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// When the row was last parked (it could not be decoded). Kept after an operator releases it, so a
    /// repeated release is recognised as done; the row is parked now only while <see cref="IsParked"/>.
    /// </summary>
    public DateTimeOffset? ParkedAt { get; set; }

    /// <summary>The lease of a parked row: no dispatcher ever claims it until an operator releases it.</summary>
    public const long ParkedLease = long.MaxValue;

    public bool IsParked => DispatchedAt is null && LeasedUntil == ParkedLease;

    /// <summary>Set once the broker has confirmed the publish; null while pending.</summary>
    public DateTimeOffset? DispatchedAt { get; set; }
}
