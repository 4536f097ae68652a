using Microsoft.EntityFrameworkCore;

namespace ProductCatalogOrders.BuildingBlocks.Audit;

public static class AuditModel
{
    /// <summary>Maps the audit table into a service's own DbContext, so an entry shares the transaction of its change.</summary>
    public static ModelBuilder AddAuditTrail(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("AuditEntries");
            audit.HasKey(a => a.Sequence);
            audit.Property(a => a.Sequence).ValueGeneratedOnAdd();
            audit.Property(a => a.Actor).HasMaxLength(AuditEntry.MaxActorLength);
            audit.Property(a => a.Action).HasMaxLength(64);
            audit.Property(a => a.ResourceType).HasMaxLength(32);
            audit.Property(a => a.ResourceId).HasMaxLength(64);
            audit.Property(a => a.Detail).HasMaxLength(AuditEntry.MaxDetailLength);
            audit.HasIndex(a => new { a.ResourceId, a.Sequence });
        });
        return modelBuilder;
    }
}
