using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.CatalogService.Reviews;

namespace ProductCatalogOrders.CatalogService.Storage.Sqlite;

/// <summary>The catalog store and product cache on SQLite (local profile); owns Storage/Migrations/Sqlite.</summary>
public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options), IProductReplicaContext, IAuditContext
{
    public DbSet<CatalogItem> CatalogItems => Set<CatalogItem>();

    public DbSet<Review> Reviews => Set<Review>();

    /// <summary>The local product cache.</summary>
    public DbSet<ProductReplica> ProductReplicas => Set<ProductReplica>();

    /// <summary>The append-only audit trail of catalog changes, written in the transaction of each change.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ReconciliationFinding> ReconciliationFindings => Set<ReconciliationFinding>();

    public DbSet<ReplicaCheckpoint> ReplicaCheckpoints => Set<ReplicaCheckpoint>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddProductReplicas("ProductCache");
        modelBuilder.AddAuditTrail();
        modelBuilder.Entity<CatalogItem>(item =>
        {
            item.HasKey(i => i.Id);
            item.Property(i => i.Id).ValueGeneratedNever();
            item.Property(i => i.Category).HasMaxLength(CatalogRules.MaxCategoryLength);
            item.HasIndex(i => new { i.ProductId, i.Category }).IsUnique();

            // Items reference the cache row, which is never deleted on decommission.
            item.HasOne<ProductReplica>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Review>(review =>
        {
            review.HasKey(r => r.Id);
            review.Property(r => r.Id).ValueGeneratedNever();
            review.Property(r => r.CustomerId).HasMaxLength(ReviewRules.MaxCustomerIdLength);
            review.Property(r => r.Text).HasMaxLength(ReviewRules.MaxTextLength);
            review.HasIndex(r => r.ProductId);
            review.HasIndex(r => r.CustomerId);
            review.HasOne<ProductReplica>().WithMany().HasForeignKey(r => r.ProductId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

internal sealed class CatalogDesignTimeFactory : SqliteDesignTimeFactory<CatalogDbContext>;
