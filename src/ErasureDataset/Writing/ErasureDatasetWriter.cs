using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.ErasureDataset.Layout;

namespace ProductCatalogOrders.ErasureDataset.Writing;

/// <summary>
/// Appends the source's events to the dataset, one batch at a time, exactly once. A batch:
/// <list type="number">
/// <item>reads up to <c>BatchSize</c> events after the cursor, and saves the batch's range in the cursor;</item>
/// <item>marks each day it touches (<c>_writing</c>) and writes one file per (UTC day, service, kind), each named after
/// the sequences it holds and renamed into place when complete;</item>
/// <item>saves the cursor past the batch, and removes the marks.</item>
/// </list>
/// A writer that stops anywhere before step 3 finds the range in the cursor on its next start and
/// writes exactly the same events again: the same files under the same names, which replace the first
/// ones. So a crash between a file and the cursor leaves no duplicate row and loses none. On its
/// first batch the writer also checks that the cursor covers every sequence the file names show.
/// </summary>
public sealed partial class ErasureDatasetWriter(
    DatasetLayout layout,
    IWriterCursorStore cursors,
    DatasetWriteLock writeLock,
    IOptions<ErasureDatasetOptions> options,
    ErasureDatasetMetrics metrics,
    ILogger<ErasureDatasetWriter> logger)
{
    private bool _reconciled;

    /// <summary>Writes the next batch (or finishes an interrupted one) and returns how many events it wrote; 0 when caught up.</summary>
    public async Task<int> WriteNextBatchAsync(IErasureEventSource source, CancellationToken cancellationToken)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var cursor = await cursors.LoadAsync(cancellationToken);
        if (!_reconciled)
        {
            EnsureCursorCoversFiles(cursor);
            _reconciled = true;
        }

        BatchRange batch;
        IReadOnlyList<ErasureEvent> events;
        if (cursor.Batch is { } interrupted)
        {
            batch = interrupted;
            events = await ReadRangeAsync(source, interrupted, cancellationToken);
            LogRedo(batch.After, batch.Through, events.Count);
        }
        else
        {
            events = await source.ReadAfterAsync(cursor.Written, Math.Max(1, options.Value.BatchSize), cancellationToken);
            if (events.Count == 0)
            {
                return 0;
            }

            EnsureAscendingAfter(events, cursor.Written);
            batch = new BatchRange(cursor.Written, events[^1].Sequence);
            await cursors.SaveAsync(cursor with { Batch = batch }, cancellationToken);
        }

        var days = events.GroupBy(e => DayFolder.DayOf(e.OccurredAt)).Select(g => (Folder: layout.Day(g.Key), Events: g.ToList())).ToList();
        foreach (var (folder, _) in days)
        {
            Directory.CreateDirectory(folder.Path);
            await File.WriteAllTextAsync(layout.WritingMarker(folder), $"batch {batch.After + 1}-{batch.Through}", cancellationToken);
        }

        var files = 0;
        foreach (var (folder, dayEvents) in days)
        {
            foreach (var group in dayEvents.GroupBy(e => (e.Service, e.Kind)))
            {
                await DatasetFileWriter.WriteAsync(folder, group.ToList(), cancellationToken);
                files++;
            }
        }

        await cursors.SaveAsync(new WriterCursor(batch.Through, null), cancellationToken);
        foreach (var (folder, _) in days)
        {
            File.Delete(layout.WritingMarker(folder));
        }

        metrics.BatchWritten(events.Count, files);
        LogBatch(batch.After + 1, batch.Through, events.Count, files, days.Count);
        return events.Count;
    }

    /// <summary>
    /// On start, the cursor is reconciled with the files: no file may hold a sequence beyond what the
    /// cursor covers (its written position, or its interrupted batch). One that does means the cursor was
    /// lost or replaced by an older copy; writing from it would write rows a second time under other
    /// names, so the writer stops and says so instead of guessing.
    /// </summary>
    private void EnsureCursorCoversFiles(WriterCursor cursor)
    {
        var covered = cursor.Batch?.Through ?? cursor.Written;
        var highest = layout.DayFolders()
            .SelectMany(DatasetLayout.DataFiles)
            .Select(path => DatasetFileName.TryParse(Path.GetFileName(path), out var name) ? name!.LastSequence : 0)
            .DefaultIfEmpty(0)
            .Max();
        if (highest > covered)
        {
            throw new InvalidOperationException(
                $"The erasure dataset holds sequence {highest} but its cursor ({layout.CursorPath}) covers only up to {covered}: "
                + "the cursor was lost or replaced. Restore it, or move the dataset aside to write it anew; writing now would duplicate rows.");
        }
    }

    /// <summary>Exactly the events of an interrupted batch: those after its start up to its end, however many pages that takes.</summary>
    private async Task<IReadOnlyList<ErasureEvent>> ReadRangeAsync(IErasureEventSource source, BatchRange batch, CancellationToken cancellationToken)
    {
        var events = new List<ErasureEvent>();
        var after = batch.After;
        while (after < batch.Through)
        {
            var page = await source.ReadAfterAsync(after, Math.Max(1, options.Value.BatchSize), cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            EnsureAscendingAfter(page, after);
            events.AddRange(page.TakeWhile(e => e.Sequence <= batch.Through));
            after = page[^1].Sequence;
        }

        return events;
    }

    private static void EnsureAscendingAfter(IReadOnlyList<ErasureEvent> events, long after)
    {
        var previous = after;
        foreach (var e in events)
        {
            if (e.Sequence <= previous)
            {
                throw new InvalidOperationException(
                    $"The erasure event source returned sequence {e.Sequence} after {previous}; it must return ascending sequences after {after}.");
            }

            previous = e.Sequence;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Erasure dataset: wrote events {First}..{Last} ({Count} events, {Files} files, {Days} day folders)")]
    private partial void LogBatch(long first, long last, int count, int files, int days);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Erasure dataset: an interrupted batch after {After} through {Through} is written again ({Count} events); its files are replaced, not duplicated")]
    private partial void LogRedo(long after, long through, int count);
}
