using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.ErasureDataset.Layout;

/// <summary>
/// Where everything lives under <c>Erasure:Dataset:Path</c>:
/// <code>
/// erasure-events/
///   _cursor.json                          the writer's cursor (names starting with '_' or '.' are not data to readers)
///   date=2026-11-30/
///     _writing                            present while a batch writes into this day
///     erasure-service.requested.0000000000000000001-0000000000000000007.parquet
/// </code>
/// </summary>
public sealed class DatasetLayout(IOptions<ErasureDatasetOptions> options)
{
    public const string DatasetFolderName = "erasure-events";
    public const string CursorFileName = "_cursor.json";
    public const string WritingMarkerName = "_writing";

    /// <summary>A folder being deleted is first renamed with this prefix, which readers skip.</summary>
    public const string DeletingPrefix = ".deleting-";

    public string Root { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(options.Value.Path, DatasetFolderName));

    public string CursorPath => System.IO.Path.Combine(Root, CursorFileName);

    public DayFolder Day(DateOnly date) => new(date, System.IO.Path.Combine(Root, DayFolder.NameFor(date)));

    public string WritingMarker(DayFolder day) => System.IO.Path.Combine(day.Path, WritingMarkerName);

    /// <summary>Every day folder, oldest first. Anything else in the dataset folder is ignored.</summary>
    public IReadOnlyList<DayFolder> DayFolders()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.EnumerateDirectories(Root)
            .Select(path => DayFolder.TryParseName(System.IO.Path.GetFileName(path), out var date) ? new DayFolder(date, path) : null)
            .OfType<DayFolder>()
            .OrderBy(day => day.Date)
            .ToList();
    }

    /// <summary>The data files of a day, in name order (which is sequence order per service and kind).</summary>
    public static IReadOnlyList<string> DataFiles(DayFolder day) =>
        Directory.Exists(day.Path)
            ? Directory.EnumerateFiles(day.Path, "*" + DatasetFileName.Extension)
                .Where(path => !IsHidden(System.IO.Path.GetFileName(path)))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>Hive and Spark conventions: names starting with '_' or '.' are metadata or in-progress, not data.</summary>
    public static bool IsHidden(string name) => name.StartsWith('_') || name.StartsWith('.');
}
