using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Outbox;

namespace ProductCatalogOrders.ProductService.Products;

/// <summary>
/// The product model, shared by every provider. Each provider's derived context (in Storage/) carries
/// that provider's migrations; this class holds everything else.
/// </summary>
public abstract class ProductsDbContext(DbContextOptions options) : DbContext(options), IOutboxContext
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>(product =>
        {
            product.HasKey(p => p.Id);
            product.Property(p => p.Id).ValueGeneratedNever();
            product.Property(p => p.Sku).HasMaxLength(ProductRules.MaxSkuLength);
            product.HasIndex(p => p.Sku).IsUnique();
            product.Property(p => p.Name).HasMaxLength(ProductRules.MaxNameLength);
            product.Property(p => p.Price).HasPrecision(18, 2);
            product.Property(p => p.Status).HasConversion<string>().HasMaxLength(32);
            product.HasIndex(p => p.Status);

            // Two concurrent changes cannot both produce the same next version.
            product.Property(p => p.Version).IsConcurrencyToken();
        });
        modelBuilder.AddOutbox();
    }
}
