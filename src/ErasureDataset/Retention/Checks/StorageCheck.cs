using Parquet;
using Parquet.Schema;
using ProductCatalogOrders.ErasureDataset.Layout;
using ProductCatalogOrders.ErasureDataset.Writing;

namespace ProductCatalogOrders.ErasureDataset.Retention.Checks;

/// <summary>
/// Every row in the folder is past retention, as the files themselves say: the maximum of
/// <c>occurred_at</c> in each row group's statistics, not the folder's name. A file without those
/// statistics, a file that cannot be read, or a file that is not a data file of this dataset refuses:
/// what cannot be read is not known to be old.
/// </summary>
public sealed class StorageCheck : IDatasetFolderCheck
{
    public string Name => "storage";

    public async Task<CheckVerdict> EvaluateAsync(DatasetFolderCheckContext context, CancellationToken cancellationToken)
    {
        var deadline = context.Now - context.Retention;
        var files = Directory.EnumerateFiles(context.Folder.Path).Select(Path.GetFileName).OfType<string>().ToList();
        var foreign = files.Where(name => !DatasetLayout.IsHidden(name) && !DatasetFileName.TryParse(name, out _)).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
        {
            return CheckVerdict.Fail(Name, $"Holds files that are not data files of this dataset: {string.Join(", ", foreign)}.");
        }

        long rows = 0;
        DateTimeOffset? newest = null;
        var dataFiles = DatasetLayout.DataFiles(context.Folder);
        foreach (var path in dataFiles)
        {
            var name = Path.GetFileName(path);
            await using var stream = File.OpenRead(path);
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            if (reader.Schema.DataFields.FirstOrDefault(f => f.Name == ErasureEventRow.OccurredAtColumn) is not DateTimeDataField occurredAt)
            {
                return CheckVerdict.Fail(Name, $"{name} has no {ErasureEventRow.OccurredAtColumn} timestamp column.");
            }

            for (var i = 0; i < reader.RowGroupCount; i++)
            {
                using var group = reader.OpenRowGroupReader(i);
                if (group.RowCount == 0)
                {
                    continue;
                }

                if (StatisticsTime(occurredAt, group.GetStatistics(occurredAt)?.MaxValue) is not { } max)
                {
                    return CheckVerdict.Fail(Name, $"{name}, row group {i}, has no {ErasureEventRow.OccurredAtColumn} statistics, so its rows' age is unknown.");
                }

                rows += group.RowCount;
                newest = newest is { } n && n >= max ? n : max;
            }
        }

        if (newest is not { } newestAt)
        {
            return CheckVerdict.Pass(Name, "Holds no rows.");
        }

        var retainedUntil = newestAt + context.Retention;
        return newestAt < deadline
            ? CheckVerdict.Pass(Name, $"{rows} rows in {dataFiles.Count} files; the newest, at {newestAt:O}, was retained until {retainedUntil:O}.")
            : CheckVerdict.Fail(Name, $"{rows} rows in {dataFiles.Count} files; the newest, at {newestAt:O}, is retained until {retainedUntil:O}.");
    }

    /// <summary>
    /// A timestamp statistic as Parquet stores it, a count of the column's unit since the Unix epoch
    /// (Parquet.Net hands it over raw), or as a DateTime where a reader converts it.
    /// </summary>
    private static DateTimeOffset? StatisticsTime(DateTimeDataField field, object? value) => value switch
    {
        DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
        DateTimeOffset at => at,
        long count when field.Unit is DateTimeTimeUnit.Millis => DateTimeOffset.FromUnixTimeMilliseconds(count),
        _ => null,
    };
}
