using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.ProductService.Deletion;

namespace ProductCatalogOrders.ProductService.Products;

/// <summary>
/// The product model, shared by every provider. Each provider's derived context (in Storage/) carries
/// that provider's migrations; this class holds everything else.
/// </summary>
public abstract class ProductsDbContext(DbContextOptions options) : DbContext(options), IOutboxContext, IAuditContext
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<DeletionConfirmation> DeletionConfirmations => Set<DeletionConfirmation>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

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

            product.Property(p => p.LegalHoldReason).HasMaxLength(ProductRules.MaxLegalHoldReasonLength);
            product.Property(p => p.LegalHoldBy).HasMaxLength(200);
            product.Ignore(p => p.IsOnLegalHold);
            product.Ignore(p => p.PurgeVersion);

            // Two concurrent changes cannot both produce the same next version.
            product.Property(p => p.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<DeletionConfirmation>(confirmation =>
        {
            // One row per consumer and decommission: a redelivered confirmation changes nothing.
            confirmation.HasKey(c => new { c.ProductId, c.Version, c.Consumer });
            confirmation.Property(c => c.Consumer).HasMaxLength(64);
        });
        modelBuilder.AddOutbox();
        modelBuilder.AddAuditTrail();
    }
}
