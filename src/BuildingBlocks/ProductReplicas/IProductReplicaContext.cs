using Microsoft.EntityFrameworkCore;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>A service DbContext that keeps product replicas.</summary>
public interface IProductReplicaContext
{
    DbSet<ProductReplica> ProductReplicas { get; }
}
