using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;

namespace ProductCatalogOrders.CatalogService.Catalog;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options), IProductReplicaContext
{
    public const int MaxCategoryLength = 100;

    public DbSet<CatalogItem> CatalogItems => Set<CatalogItem>();

    /// <summary>The local product cache.</summary>
    public DbSet<ProductReplica> ProductReplicas => Set<ProductReplica>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddProductReplicas("ProductCache");
        modelBuilder.Entity<CatalogItem>(item =>
        {
            item.HasKey(i => i.Id);
            item.Property(i => i.Id).ValueGeneratedNever();
            item.Property(i => i.Category).HasMaxLength(MaxCategoryLength);
            item.HasIndex(i => new { i.ProductId, i.Category }).IsUnique();

            // Items reference the cache row, which is never deleted on decommission.
            item.HasOne<ProductReplica>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
