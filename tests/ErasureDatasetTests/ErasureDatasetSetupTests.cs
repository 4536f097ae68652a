using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.ErasureDataset;
using ProductCatalogOrders.ErasureDataset.Layout;
using ProductCatalogOrders.ErasureDataset.Reading;

namespace ProductCatalogOrders.ErasureDatasetTests;

public sealed class ErasureDatasetSetupTests
{
    [Fact]
    public async Task The_writer_registered_with_one_call_writes_the_source_in_the_background()
    {
        using var folder = new TemporaryFolder();
        var source = new InMemoryErasureEventSource();
        for (var i = 0; i < 25; i++)
        {
            source.Append(DateTimeOffset.UtcNow.AddHours(-i));
        }

        using var host = BuildHost(folder.Path, source, batchSize: "10");
        await host.StartAsync(TestContext.Current.CancellationToken);
        source.Append(DateTimeOffset.UtcNow, kind: ErasureEventKinds.Verified);

        var reader = host.Services.GetRequiredService<ErasureDatasetReader>();
        IReadOnlyList<ErasureEvent> written = [];
        for (var attempt = 0; attempt < 100 && written.Count < source.Events.Count; attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            written = await reader.ReadAllAsync(TestContext.Current.CancellationToken);
        }

        await host.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(source.Events, written);
    }

    [Fact]
    public async Task A_batch_size_below_one_stops_the_start_with_the_setting_named()
    {
        using var folder = new TemporaryFolder();
        using var host = BuildHost(folder.Path, new InMemoryErasureEventSource(), batchSize: "0");

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Erasure:Dataset:BatchSize is at least 1.", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, DatasetLayout.DatasetFolderName)));
    }

    private static IHost BuildHost(string path, InMemoryErasureEventSource source, string batchSize)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Erasure:Dataset:Path"] = path,
            ["Erasure:Dataset:BatchSize"] = batchSize,
            ["Erasure:Dataset:Interval"] = "00:00:00.050",
        });
        builder.Services.AddSingleton<IErasureEventSource>(source);
        builder.Services.AddErasureDataset(builder.Configuration);
        return builder.Build();
    }
}
