using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ProductCatalogOrders.ErasureDataset;
using ProductCatalogOrders.ErasureDataset.Layout;
using ProductCatalogOrders.ErasureDataset.Reading;
using ProductCatalogOrders.ErasureDataset.Writing;

namespace ProductCatalogOrders.ErasureDatasetTests;

/// <summary>
/// The dataset's services as a host registers them (<see cref="ErasureDatasetSetup.AddErasureDataset"/>), over a
/// fresh folder. Disposing it and building another over the same folder and source is a restart: nothing
/// in memory survives, only the files.
/// </summary>
public sealed class DatasetHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    public DatasetHost(
        string root,
        InMemoryErasureEventSource source,
        int batchSize = 100,
        Func<IWriterCursorStore, IWriterCursorStore>? wrapCursor = null,
        FakeTimeProvider? time = null)
    {
        Root = root;
        Source = source;
        Time = time ?? new FakeTimeProvider(Now);
        Logs = new FakeLogCollector();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Erasure:Dataset:Path"] = root,
            ["Erasure:Dataset:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Erasure:DatasetRetention"] = "400.00:00:00",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(Logs)))
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton<IErasureEventSource>(source);
        services.AddErasureDataset(configuration);
        if (wrapCursor is not null)
        {
            services.AddSingleton<IWriterCursorStore>(provider => wrapCursor(ActivatorUtilities.CreateInstance<FileWriterCursorStore>(provider)));
        }

        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public string Root { get; }

    public InMemoryErasureEventSource Source { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public IServiceProvider Services => _provider;

    public DatasetLayout Layout => _provider.GetRequiredService<DatasetLayout>();

    public ErasureDatasetReader Reader => _provider.GetRequiredService<ErasureDatasetReader>();

    public IWriterCursorStore Cursor => _provider.GetRequiredService<IWriterCursorStore>();

    /// <summary>Writes batches until the writer has caught up; returns how many batches it wrote.</summary>
    public async Task<int> WriteAllAsync()
    {
        var writer = _provider.GetRequiredService<ErasureDatasetWriter>();
        var batches = 0;
        while (await writer.WriteNextBatchAsync(Source, TestContext.Current.CancellationToken) > 0)
        {
            batches++;
        }

        return batches;
    }

    public Task<int> WriteNextBatchAsync() =>
        _provider.GetRequiredService<ErasureDatasetWriter>().WriteNextBatchAsync(Source, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
