using System.Security.Claims;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.ErasureDataset.Layout;
using ProductCatalogOrders.ErasureDataset.Retention.Checks;
using ProductCatalogOrders.ErasureDataset.Writing;

namespace ProductCatalogOrders.ErasureDataset.Retention;

/// <summary>
/// Deletes day folders past <c>Erasure:DatasetRetention</c>, each as a container deletion behind the
/// storage, upstream, routing, scheduling and authorization checks. A dry run reports what would go
/// and why. A real run deletes in two steps: the folder is renamed to a hidden <c>.deleting-</c> name
/// (readers stop seeing it at once), then removed; a run that stops between the two is finished by the
/// next. Running it again deletes nothing more: it is idempotent.
/// </summary>
public sealed class DatasetRetention(
    DatasetLayout layout,
    DatasetFolderChecks checks,
    IErasureEventSource source,
    IWriterCursorStore cursors,
    DatasetWriteLock writeLock,
    IOptions<ErasureDatasetOptions> options,
    TimeProvider time,
    ErasureDatasetMetrics metrics,
    DatasetRetentionAudit audit,
    IAuditContext? auditTrail = null)
{
    public async Task<DatasetRetentionReport> RunAsync(ClaimsPrincipal caller, bool dryRun, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var retention = options.Value.Retention;
        var deleteBefore = DayFolder.DayOf(now - retention);
        var actor = caller.Actor();
        audit.Requested(actor, dryRun, deleteBefore);

        if (!dryRun)
        {
            FinishInterruptedDeletions();
        }

        var folders = layout.DayFolders();
        var pending = new PendingEventDays(source, cursors);
        var outcomes = new List<DayFolderOutcome>();
        foreach (var folder in folders.Where(f => f.Date < deleteBefore))
        {
            metrics.RetentionRequested(dryRun);
            outcomes.Add(dryRun
                ? await DecideAsync(folder, caller, now, retention, pending, dryRun: true, cancellationToken)
                : await DeleteAsync(folder, caller, now, retention, pending, cancellationToken));
        }

        return new DatasetRetentionReport(dryRun, now, retention, deleteBefore, folders.Count(f => f.Date >= deleteBefore), outcomes);
    }

    /// <summary>A real run holds the write lock from its checks to the deletion, so no batch of this process slips in between.</summary>
    private async Task<DayFolderOutcome> DeleteAsync(
        DayFolder folder, ClaimsPrincipal caller, DateTimeOffset now, TimeSpan retention, PendingEventDays pending, CancellationToken cancellationToken)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var decided = await DecideAsync(folder, caller, now, retention, pending, dryRun: false, cancellationToken);
        if (decided.Outcome != DayFolderOutcomes.WouldDelete)
        {
            return decided;
        }

        var actor = caller.Actor();
        var summary = string.Join(", ", decided.Checks);
        try
        {
            var deleting = Path.Combine(layout.Root, DatasetLayout.DeletingPrefix + folder.Name);
            Directory.Move(folder.Path, deleting);
            Directory.Delete(deleting, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            audit.DeletionFailed(exception, folder.DisplayName, actor);
            metrics.RetentionFailed(dryRun: false, "error");
            return decided with { Outcome = DayFolderOutcomes.DeleteFailed };
        }

        audit.Decided(folder.DisplayName, actor, false, DayFolderOutcomes.Deleted, summary);
        await DatasetRetentionAudit.RecordAsync(auditTrail, actor, folder.DisplayName, time.GetUtcNow(), $"{DayFolderOutcomes.Deleted}; checks: {summary}", cancellationToken);
        metrics.RetentionSucceeded(dryRun: false);
        return decided with { Outcome = DayFolderOutcomes.Deleted };
    }

    /// <summary>Evaluates the checks and reports; in a dry run that is all, in a real run the caller deletes on "would-delete".</summary>
    private async Task<DayFolderOutcome> DecideAsync(
        DayFolder folder, ClaimsPrincipal caller, DateTimeOffset now, TimeSpan retention, PendingEventDays pending, bool dryRun,
        CancellationToken cancellationToken)
    {
        var verdicts = await checks.EvaluateAsync(new DatasetFolderCheckContext(folder, caller, now, retention, pending), cancellationToken);
        var failed = verdicts.FirstOrDefault(v => !v.Passed);
        var outcome = failed is null ? DayFolderOutcomes.WouldDelete : DayFolderOutcomes.Kept;
        if (failed is not null)
        {
            metrics.RetentionFailed(dryRun, failed.Check);
            audit.Decided(folder.DisplayName, caller.Actor(), dryRun, outcome, string.Join(", ", verdicts));
        }
        else if (dryRun)
        {
            metrics.RetentionSucceeded(dryRun: true);
            audit.Decided(folder.DisplayName, caller.Actor(), dryRun, outcome, string.Join(", ", verdicts));
        }

        return new DayFolderOutcome(folder.DisplayName, folder.Date, outcome, verdicts);
    }

    /// <summary>A folder renamed for deletion passed its checks already: only its removal is left.</summary>
    private void FinishInterruptedDeletions()
    {
        if (!Directory.Exists(layout.Root))
        {
            return;
        }

        foreach (var leftover in Directory.EnumerateDirectories(layout.Root, DatasetLayout.DeletingPrefix + "*"))
        {
            Directory.Delete(leftover, recursive: true);
        }
    }
}
