using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.ErasureService.Ledger;
using ProductCatalogOrders.ErasureService.LegalHolds;
using ProductCatalogOrders.ErasureService.Requests;

namespace ProductCatalogOrders.ErasureService.Storage;

/// <summary>
/// The erasure model, shared by every provider. Each provider's derived context carries that
/// provider's migrations; this class holds everything else.
/// </summary>
public abstract class ErasureDbContext(DbContextOptions options) : DbContext(options), IOutboxContext, IAuditContext
{
    public DbSet<ErasureRequest> Requests => Set<ErasureRequest>();

    public DbSet<ErasureTarget> Targets => Set<ErasureTarget>();

    public DbSet<SubjectLegalHold> LegalHolds => Set<SubjectLegalHold>();

    public DbSet<LedgerEvent> LedgerEvents => Set<LedgerEvent>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ErasureRequest>(request =>
        {
            request.ToTable("ErasureRequests");
            request.HasKey(r => r.Id);
            request.Property(r => r.Id).ValueGeneratedNever();
            request.Property(r => r.SubjectType).HasMaxLength(32);
            request.Property(r => r.SubjectId).HasMaxLength(ErasureRequest.MaxSubjectIdLength);
            request.Property(r => r.Reason).HasMaxLength(ErasureRequest.MaxReasonLength);
            request.Property(r => r.RequestedBy).HasMaxLength(AuditEntry.MaxActorLength);
            request.Property(r => r.OpenSubject).HasMaxLength(100);

            // One open request per subject; a plain filter both providers read.
            request.HasIndex(r => r.OpenSubject).IsUnique().HasFilter("OpenSubject IS NOT NULL");
            request.HasIndex(r => new { r.SubjectType, r.SubjectId });
            request.Ignore(r => r.State);
            request.HasMany(r => r.Targets).WithOne().HasForeignKey(t => t.RequestId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ErasureTarget>(target =>
        {
            target.ToTable("ErasureTargets");
            target.HasKey(t => new { t.RequestId, t.Service });
            target.Property(t => t.Service).HasMaxLength(64);
            target.Property(t => t.Address).HasMaxLength(200);
            target.Property(t => t.Method).HasConversion<string>().HasMaxLength(32);
            target.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
            target.Property(t => t.ErasureEndpoint).HasMaxLength(200);
            target.Property(t => t.VerificationEndpoint).HasMaxLength(200);
            target.Property(t => t.LastError).HasMaxLength(2000);
            target.Property(t => t.BlockedReason).HasMaxLength(2000);
            target.Property(t => t.Revision).IsConcurrencyToken();
            target.HasIndex(t => new { t.State, t.DueAt });
        });
        modelBuilder.Entity<SubjectLegalHold>(hold =>
        {
            hold.ToTable("SubjectLegalHolds");
            hold.HasKey(h => new { h.SubjectType, h.SubjectId });
            hold.Property(h => h.SubjectType).HasMaxLength(32);
            hold.Property(h => h.SubjectId).HasMaxLength(ErasureRequest.MaxSubjectIdLength);
            hold.Property(h => h.Reason).HasMaxLength(SubjectLegalHold.MaxReasonLength);
            hold.Property(h => h.SetBy).HasMaxLength(AuditEntry.MaxActorLength);
        });
        modelBuilder.Entity<LedgerEvent>(ledger =>
        {
            ledger.ToTable("ErasureEvents");
            ledger.HasKey(e => e.Sequence);
            ledger.Property(e => e.Sequence).ValueGeneratedOnAdd();
            ledger.Property(e => e.Service).HasMaxLength(64);
            ledger.Property(e => e.Kind).HasMaxLength(32);
            ledger.Property(e => e.SubjectType).HasMaxLength(32);
            ledger.Property(e => e.SubjectId).HasMaxLength(ErasureRequest.MaxSubjectIdLength);
            ledger.HasIndex(e => e.RequestId);
        });
        modelBuilder.AddOutbox();
        modelBuilder.AddAuditTrail();
    }

    /// <summary>Appends an erasure event to this unit of work, so it commits with the ledger change.</summary>
    public void Record(string kind, ErasureRequest request, DateTimeOffset at, string service = ErasureServiceApp.Name) =>
        LedgerEvents.Add(new LedgerEvent
        {
            OccurredAt = at, Service = service, Kind = kind, RequestId = request.Id, SubjectType = request.SubjectType, SubjectId = request.SubjectId,
        });
}
