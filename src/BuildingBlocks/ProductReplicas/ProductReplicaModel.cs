using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

public static class ProductReplicaModel
{
    /// <summary>The replica table, and beside it the reconciliation report and the cache checkpoints.</summary>
    public static ModelBuilder AddProductReplicas(this ModelBuilder modelBuilder, string tableName)
    {
        modelBuilder.AddReconciliation();
        modelBuilder.Entity<ProductReplica>(replica =>
        {
            replica.ToTable(tableName);
            replica.HasKey(r => r.ProductId);
            replica.Property(r => r.ProductId).ValueGeneratedNever();
            replica.Property(r => r.Sku).HasMaxLength(64);
            replica.Property(r => r.Name).HasMaxLength(200);
            replica.Property(r => r.Price).HasPrecision(18, 2);
            replica.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
            replica.HasIndex(r => r.Status);
        });
        return modelBuilder;
    }
}
