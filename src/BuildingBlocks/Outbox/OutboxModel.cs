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

            // The claim scans pending rows in dispatch order. A partial index holds only those, so
            // its cost follows the backlog, not the history of dispatched rows kept for retention.
            // The filter is plain SQL that SQLite and SQL Server both read.
            outbox.HasIndex(m => new { m.Sequence, m.LeasedUntil })
                .HasDatabaseName("IX_OutboxMessages_Pending")
                .HasFilter("DispatchedAt IS NULL");
        });
        return modelBuilder;
    }
}
