using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProductCatalogOrders.BuildingBlocks.Audit;

namespace ProductCatalogOrders.BuildingBlocks.Messaging.ErrorQueues;

/// <summary>
/// The audit trail of re-drives: a structured entry when one is requested and when it completes,
/// under its own category, and a durable entry in the service's audit table where it keeps one
/// (Product and Order; Catalog keeps none yet, so its log entries are the record).
/// </summary>
public sealed partial class ErrorQueueAudit(ILoggerFactory loggers, TimeProvider time)
{
    public const string Category = "ProductCatalogOrders.Audit.Messaging";

    public const string Action = "redrive";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Re-drive of {Queue} requested by {Actor}")]
    public partial void Requested(string queue, string actor);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Re-drive of {Queue} by {Actor}: {Moved} message(s) moved to {Target}")]
    public partial void Completed(string queue, string actor, int moved, string target);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Re-drive of {Queue} by {Actor} stopped: {Reason}")]
    public partial void Failed(string queue, string actor, string reason);

    /// <summary>Appends the durable entry after the move: a broker operation has no transaction to share.</summary>
    public async Task RecordAsync(IAuditContext? trail, string actor, RedriveResult result, CancellationToken cancellationToken)
    {
        if (trail is not DbContext db)
        {
            return;
        }

        var resourceId = result.Queue.Length <= 64 ? result.Queue : result.Queue[^64..];
        trail.AuditEntries.Add(AuditEntry.Of(actor, Action, "error-queue", resourceId, time.GetUtcNow(), $"{result.Moved} moved to {result.Target}"));
        await db.SaveChangesAsync(cancellationToken);
    }
}
