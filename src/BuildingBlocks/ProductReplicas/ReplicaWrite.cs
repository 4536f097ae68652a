using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>One product event to apply to a replica.</summary>
/// <param name="StatusOnly">
/// Take the event's status and version only, keeping the copy's SKU, name and price: for a consumer
/// whose references are shallow snapshots that must survive a purge of the master data.
/// </param>
public sealed record ReplicaWrite(IProductEvent Event, bool StatusOnly = false);
