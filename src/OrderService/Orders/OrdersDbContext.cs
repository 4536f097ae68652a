using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;

namespace ProductCatalogOrders.OrderService.Orders;

/// <summary>
/// The order model, shared by every provider. Each provider's derived context (in Storage/) carries
/// that provider's migrations; this class holds everything else.
/// </summary>
public abstract class OrdersDbContext(DbContextOptions options) : DbContext(options), IProductReplicaContext, IAuditContext
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<ProductReplica> ProductReplicas => Set<ProductReplica>();

    public DbSet<ReconciliationFinding> ReconciliationFindings => Set<ReconciliationFinding>();

    public DbSet<ReplicaCheckpoint> ReplicaCheckpoints => Set<ReplicaCheckpoint>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddProductReplicas("ProductReplicas");
        modelBuilder.AddAuditTrail();
        modelBuilder.Entity<Order>(order =>
        {
            order.HasKey(o => o.Id);
            order.Property(o => o.Id).ValueGeneratedNever();
            // Also a concurrency token: of two erasures of one customer racing, one anonymises and audits, the other finds it done.
            order.Property(o => o.CustomerId).HasMaxLength(OrderRules.MaxCustomerIdLength).IsConcurrencyToken();
            order.HasIndex(o => o.CustomerId);
            order.Property(o => o.CustomerName).HasMaxLength(OrderRules.MaxTextLength);
            order.Property(o => o.CustomerEmail).HasMaxLength(OrderRules.MaxTextLength);
            order.Property(o => o.ShippingAddress).HasMaxLength(OrderRules.MaxAddressLength);
            // The status is the order's concurrency token: a close writes only if the order is still
            // in the status it was read in, so of a concurrent fulfil and cancel exactly one wins.
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            order.HasIndex(o => o.Status);
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<IdempotentRequest>(request =>
        {
            request.HasKey(r => new { r.Caller, r.Key });
            request.Property(r => r.Caller).HasMaxLength(200);
            request.Property(r => r.Key).HasMaxLength(IdempotentRequest.MaxKeyLength);
            request.Property(r => r.RequestHash).HasMaxLength(64);
            request.HasIndex(r => r.ExpiresAt);
        });
        modelBuilder.Entity<OrderLine>(line =>
        {
            line.HasKey(l => l.Id);
            line.Property(l => l.UnitPrice).HasPrecision(18, 2);
            line.Property(l => l.ProductSku).HasMaxLength(64);
            line.Property(l => l.ProductName).HasMaxLength(200);
            line.HasIndex(l => l.ProductId);

            // The real foreign key: a line can only point at a product this service knows, and
            // because replicas are never deleted, it keeps pointing at something.
            line.HasOne<ProductReplica>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
