using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.StoreContractTests.Outbox;

/// <summary>What a consumer keeps of each product, applied through the same version gate the services use.</summary>
public sealed class VersionGatedReplica
{
    public Dictionary<Guid, long> Versions { get; } = [];

    public int IgnoredStale { get; private set; }

    public void Apply(IProductEvent productEvent)
    {
        if (VersionGate.Admits(Versions.TryGetValue(productEvent.ProductId, out var current) ? current : null, productEvent.Version))
        {
            Versions[productEvent.ProductId] = productEvent.Version;
        }
        else
        {
            IgnoredStale++;
        }
    }
}
