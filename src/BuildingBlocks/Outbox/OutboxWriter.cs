namespace ProductCatalogOrders.BuildingBlocks.Outbox;

public static class OutboxWriter
{
    /// <summary>
    /// Stages an event in the same unit of work as the state change. Nothing is published until
    /// <c>SaveChanges</c> commits both; then the dispatcher takes over.
    /// </summary>
    public static void Enqueue(this IOutboxContext context, object message, DateTimeOffset now)
    {
        context.OutboxMessages.Add(new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(),
            MessageType = IntegrationEventSerializer.TypeName(message.GetType()),
            Payload = IntegrationEventSerializer.Serialize(message),
            CreatedAt = now,
            TraceParent = OutboxTelemetry.CurrentTraceParent(),
        });
    }
}
