// Writes the erasure dataset from a JSON-lines event log until it has caught up, then prints "WROTE <n>".
// Usage: ProductCatalogOrders.ErasureDatasetWriterProcess DATASET_PATH EVENTS_JSONL BATCH_SIZE [--pause-before-cursor]
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.ErasureDataset;
using ProductCatalogOrders.ErasureDataset.Writing;
using ProductCatalogOrders.ErasureDatasetWriterProcess;

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Erasure:Dataset:Path"] = args[0],
    ["Erasure:Dataset:BatchSize"] = args[2],
}).Build();
var services = new ServiceCollection().AddLogging();
services.AddErasureDataset(configuration);
if (args.Contains("--pause-before-cursor"))
{
    services.AddSingleton<IWriterCursorStore>(provider => new PausingCursorStore(ActivatorUtilities.CreateInstance<FileWriterCursorStore>(provider)));
}

await using var provider = services.BuildServiceProvider();
var writer = provider.GetRequiredService<ErasureDatasetWriter>();
var source = new JsonLinesEventSource(args[1]);
var written = 0;
int batch;
while ((batch = await writer.WriteNextBatchAsync(source, CancellationToken.None)) > 0)
{
    written += batch;
}

Console.Out.WriteLine($"WROTE {written}");
