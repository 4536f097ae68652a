using Microsoft.EntityFrameworkCore;

namespace ProductCatalogOrders.BuildingBlocks.Audit;

/// <summary>A service's DbContext that holds the audit table (see <see cref="AuditModel.AddAuditTrail"/>).</summary>
public interface IAuditContext
{
    DbSet<AuditEntry> AuditEntries { get; }
}
