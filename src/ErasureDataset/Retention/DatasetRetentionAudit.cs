using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProductCatalogOrders.BuildingBlocks.Audit;

namespace ProductCatalogOrders.ErasureDataset.Retention;

/// <summary>
/// The audit trail of dataset retention: one structured entry when a run is requested and one per
/// day folder it decides on, with the actor, the outcome and the checks, logged under the audit
/// category so it can be routed to an audit sink. Where the host keeps a durable audit table
/// (<see cref="IAuditContext"/>), each deletion is also appended there.
/// </summary>
public sealed partial class DatasetRetentionAudit(ILoggerFactory loggers)
{
    public const string Category = "ProductCatalogOrders.Audit.ErasureDataset";
    public const string Action = "dataset-retention";
    public const string ResourceType = "erasure-dataset-day";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Dataset retention requested by {Actor} (dry run: {DryRun}); deleting day folders before {DeleteBefore}")]
    public partial void Requested(string actor, bool dryRun, DateOnly deleteBefore);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Dataset retention of {Folder} by {Actor} (dry run: {DryRun}): {Outcome}; checks: {Checks}")]
    public partial void Decided(string folder, string actor, bool dryRun, string outcome, string checks);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error,
        Message = "Dataset retention of {Folder} by {Actor}: every check passed but the deletion failed; the next run finishes it")]
    public partial void DeletionFailed(Exception exception, string folder, string actor);

    /// <summary>Appends a durable entry where the host has an audit table; a host without one relies on the log.</summary>
    public static async Task RecordAsync(IAuditContext? trail, string actor, string folder, DateTimeOffset at, string detail, CancellationToken cancellationToken)
    {
        if (trail is not DbContext db)
        {
            return;
        }

        trail.AuditEntries.Add(AuditEntry.Of(actor, Action, ResourceType, folder, at, detail));
        await db.SaveChangesAsync(cancellationToken);
    }
}
