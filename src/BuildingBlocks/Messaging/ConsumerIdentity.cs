namespace ProductCatalogOrders.BuildingBlocks.Messaging;

/// <summary>This service's name as a consumer: it prefixes its queues and signs its confirmations.</summary>
public sealed record ConsumerIdentity(string Name);
