using Parquet.Serialization;
using ProductCatalogOrders.ErasureDataset.Layout;
using ProductCatalogOrders.ErasureDataset.Writing;

namespace ProductCatalogOrders.ErasureDataset.Reading;

/// <summary>
/// Reads the dataset back with Parquet.Net: what a .NET batch job (or a test) sees. It reads exactly
/// what a Hive-style reader would: the data files of every <c>date=</c> folder, skipping names that
/// start with '_' or '.'.
/// </summary>
public sealed class ErasureDatasetReader(DatasetLayout layout)
{
    /// <summary>Every event in the dataset, in sequence order.</summary>
    public async Task<IReadOnlyList<ErasureEvent>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var events = new List<ErasureEvent>();
        foreach (var day in layout.DayFolders())
        {
            events.AddRange(await ReadDayAsync(day, cancellationToken));
        }

        return events.OrderBy(e => e.Sequence).ToList();
    }

    /// <summary>The events of one day folder, in sequence order.</summary>
    public async Task<IReadOnlyList<ErasureEvent>> ReadDayAsync(DayFolder day, CancellationToken cancellationToken = default)
    {
        var events = new List<ErasureEvent>();
        foreach (var file in DatasetLayout.DataFiles(day))
        {
            events.AddRange(await ReadFileAsync(file, cancellationToken));
        }

        return events.OrderBy(e => e.Sequence).ToList();
    }

    public static async Task<IReadOnlyList<ErasureEvent>> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        var result = await ParquetSerializer.DeserializeAsync<ErasureEventRow>(stream, cancellationToken: cancellationToken);
        return result.Data.Select(row => row.ToEvent()).ToList();
    }
}
