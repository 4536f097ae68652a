using Parquet.Serialization;
using ProductCatalogOrders.ErasureDataset.Layout;

namespace ProductCatalogOrders.ErasureDataset.Writing;

/// <summary>
/// Writes one data file so that a reader sees either nothing or the whole file: the rows go to a
/// hidden temporary name (readers skip names starting with '.'), are flushed to disk, then renamed over
/// the final name. Writing the same events again replaces the file with an identical one.
/// </summary>
internal static class DatasetFileWriter
{
    public static async Task<string> WriteAsync(DayFolder day, IReadOnlyList<ErasureEvent> events, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(day.Path);
        var name = DatasetFileName.For(events).ToString();
        var final = Path.Combine(day.Path, name);
        var temporary = Path.Combine(day.Path, $".{name}.tmp");
        var rows = events.OrderBy(e => e.Sequence).Select(ErasureEventRow.From).ToList();

        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await ParquetSerializer.SerializeAsync(rows, stream, cancellationToken: cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, final, overwrite: true);
        return final;
    }
}
