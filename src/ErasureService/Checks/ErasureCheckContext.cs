using ProductCatalogOrders.ErasureService.Requests;

namespace ProductCatalogOrders.ErasureService.Checks;

/// <summary>What a check may look at: the request (its subject) and its targets.</summary>
public sealed record ErasureCheckContext(ErasureRequest Request, DateTimeOffset Now);
