using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>A service DbContext that keeps product replicas, and the report that compares them with the source.</summary>
public interface IProductReplicaContext : IReconciliationContext
{
    DbSet<ProductReplica> ProductReplicas { get; }
}
