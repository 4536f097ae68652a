using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>
/// The audit trail of explicit cache repairs. Every entry is logged under
/// <c>ProductCatalogOrders.Audit.Cache</c> and appended to the service's durable audit trail: in an
/// EF Core store (<see cref="IAuditContext"/>) in the transaction of the change it records; in a store
/// without one (MongoDB, <see cref="IAuditTrail"/>) right after it.
/// </summary>
public sealed partial class CacheAudit(ILoggerFactory loggers)
{
    public const string ResourceType = "product-cache";

    private readonly ILogger _log = loggers.CreateLogger("ProductCatalogOrders.Audit.Cache");

    /// <summary>Overwrites a copy found ahead of the source with the source's state, and records it; false (nothing recorded) when the copy changed meanwhile.</summary>
    public async Task<bool> OverwriteAheadAsync(
        IServiceProvider services, ReplicaWrite write, long aheadVersion, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IProductReplicaStore>();
        var product = write.Event;
        var detail = $"{product.Product.Sku}: version {aheadVersion} was ahead of the source's {product.Version}; overwritten with the source's state ({product.Product.Status})";
        bool written;
        if (services.GetService<IAuditContext>() is DbContext db)
        {
            // A provider that retries on transient failures wants the whole transaction as its unit.
            written = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var overwritten = await store.OverwriteAsync(write, aheadVersion, cancellationToken);
                if (overwritten)
                {
                    ((IAuditContext)db).AuditEntries.Add(AuditEntry.Of(actor, "overwrite-ahead", ResourceType, product.ProductId, now, detail));
                    await db.SaveChangesAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return overwritten;
            });
        }
        else
        {
            written = await store.OverwriteAsync(write, aheadVersion, cancellationToken);
            if (written && services.GetService<IAuditTrail>() is { } trail)
            {
                await trail.AppendAsync(AuditEntry.Of(actor, "overwrite-ahead", ResourceType, product.ProductId, now, detail), cancellationToken);
            }
        }

        if (written)
        {
            LogOverwrite(actor, product.ProductId, product.Product.Sku, aheadVersion, product.Version);
        }

        return written;
    }

    /// <summary>Records a completed rebuild.</summary>
    public async Task RebuiltAsync(IServiceProvider services, CacheRebuildResult result, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var detail = $"{result.SourceProducts} source product(s): {result.Inserted} inserted, {result.Updated} updated, {result.Unchanged} unchanged, {result.OverwrittenAhead.Count} overwritten ahead";
        if (services.GetService<IAuditTrail>() is { } trail)
        {
            await trail.AppendAsync(AuditEntry.Of(actor, "rebuild", ResourceType, "all", now, detail), cancellationToken);
        }

        LogRebuilt(actor, detail);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Cache rebuild by {Actor}: product {ProductId} ({Sku}) was at version {AheadVersion}, ahead of the source's {SourceVersion}; overwritten with the source's state")]
    private partial void LogOverwrite(string actor, Guid productId, string sku, long aheadVersion, long sourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cache rebuild by {Actor} completed: {Detail}")]
    private partial void LogRebuilt(string actor, string detail);
}
