using System.Text.Json;
using ProductCatalogOrders.ErasureDataset;

namespace ProductCatalogOrders.ErasureDatasetWriterProcess;

/// <summary>An append-only event log in a file, one JSON event per line, that outlives the process reading it.</summary>
public sealed class JsonLinesEventSource(string path) : IErasureEventSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<ErasureEvent>> ReadAfterAsync(long afterSequence, int max, CancellationToken ct) =>
        (await File.ReadAllLinesAsync(path, ct))
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<ErasureEvent>(line, Json)!)
            .Where(e => e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .Take(max)
            .ToList();
}
