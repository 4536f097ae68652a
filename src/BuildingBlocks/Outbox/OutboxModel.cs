using Microsoft.EntityFrameworkCore;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

public static class OutboxModel
{
    /// <summary>Maps the outbox table into a service's own DbContext, so events share its transactions.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("OutboxMessages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).ValueGeneratedOnAdd();
            outbox.HasIndex(m => m.MessageId).IsUnique();
            outbox.Property(m => m.MessageType).HasMaxLength(256);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
            outbox.Property(m => m.TraceParent).HasMaxLength(64);
            outbox.HasIndex(m => new { m.DispatchedAt, m.LeasedUntil });
        });
        return modelBuilder;
    }
}
