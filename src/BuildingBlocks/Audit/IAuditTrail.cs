using Microsoft.EntityFrameworkCore;

namespace ProductCatalogOrders.BuildingBlocks.Audit;

/// <summary>Reads a service's durable audit trail in commit order; <c>GET /audit</c> pages through it.</summary>
public interface IAuditTrail
{
    /// <summary>Appends one entry on its own, for a change that has no store transaction to share (a broker operation).</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="take"/> entries after <paramref name="after"/>, optionally for one resource.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string? resourceId, long? after, int take, CancellationToken cancellationToken);
}

/// <summary>The audit table inside a service's own DbContext.</summary>
public sealed class DbAuditTrail(IAuditContext db) : IAuditTrail
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(entry);
        await ((DbContext)db).SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? resourceId, long? after, int take, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (resourceId is not null)
        {
            query = query.Where(a => a.ResourceId == resourceId);
        }

        if (after is { } last)
        {
            query = query.Where(a => a.Sequence > last);
        }

        return await query.OrderBy(a => a.Sequence).Take(take).ToListAsync(cancellationToken);
    }
}
