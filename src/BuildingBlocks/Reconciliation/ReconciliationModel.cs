using Microsoft.EntityFrameworkCore;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

public static class ReconciliationModel
{
    /// <summary>Maps the reconciliation report and the cache checkpoints into a consumer's DbContext.</summary>
    public static ModelBuilder AddReconciliation(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReconciliationFinding>(finding =>
        {
            finding.ToTable("ReconciliationFindings");
            finding.HasKey(f => f.ProductId);
            finding.Property(f => f.ProductId).ValueGeneratedNever();
            finding.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
            finding.Property(f => f.Sku).HasMaxLength(64);
            finding.Property(f => f.CacheStatus).HasConversion<string>().HasMaxLength(32);
            finding.Property(f => f.SourceStatus).HasConversion<string>().HasMaxLength(32);
        });
        modelBuilder.Entity<ReplicaCheckpoint>(checkpoint =>
        {
            checkpoint.ToTable("ReplicaCheckpoints");
            checkpoint.HasKey(c => c.Name);
            checkpoint.Property(c => c.Name).HasMaxLength(64);
        });
        return modelBuilder;
    }
}
