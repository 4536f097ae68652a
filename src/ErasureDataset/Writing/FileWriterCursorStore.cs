using System.Text.Json;
using System.Text.Json.Serialization;
using ProductCatalogOrders.ErasureDataset.Layout;

namespace ProductCatalogOrders.ErasureDataset.Writing;

/// <summary>
/// The cursor as a small JSON file beside the day folders (<c>erasure-events/_cursor.json</c>), replaced
/// atomically: written to a temporary file, flushed to disk, then renamed over the old one. A crash
/// leaves either the old cursor or the new one, never half of one.
/// </summary>
public sealed class FileWriterCursorStore(DatasetLayout layout) : IWriterCursorStore
{
    public async Task<WriterCursor> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(layout.CursorPath))
        {
            return WriterCursor.Start;
        }

        await using var stream = File.OpenRead(layout.CursorPath);
        return await JsonSerializer.DeserializeAsync(stream, WriterCursorJson.Default.WriterCursor, cancellationToken)
            ?? throw new InvalidDataException($"The dataset cursor {layout.CursorPath} is empty.");
    }

    public async Task SaveAsync(WriterCursor cursor, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(layout.Root);
        var temporary = layout.CursorPath + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, cursor, WriterCursorJson.Default.WriterCursor, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, layout.CursorPath, overwrite: true);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(WriterCursor))]
internal sealed partial class WriterCursorJson : JsonSerializerContext;
