using System.Net;
using System.Net.Http.Json;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// The process host the benchmark and the fault tests run services with: a real ProductService
/// process, built by this same build, on the test broker.
/// </summary>
public sealed class ServiceProcessTests(TestBroker broker) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("pco-process").FullName;

    [Fact]
    public async Task Service_process_serves_survives_a_crash_runs_twice_on_one_store_and_stops_on_SIGTERM()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var product = await ServiceProcess.StartAsync(Options(FreePort.Next()), cancellationToken);
        using var client = new HttpClient { BaseAddress = product.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", _tokens.Mint("process-test", [Scopes.ProductsWrite]));

        using var created = await client.PostAsJsonAsync("/products", new { sku = "PROC-1", name = "Process", price = 1.5m }, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<CreatedProduct>(cancellationToken))!.Id;

        var sample = product.Sample();
        Assert.Equal(product.Pid, sample.Pid);
        Assert.True(sample.CpuMilliseconds > 0, "a service that started has used CPU");
        Assert.True(sample.ResidentBytes > 0 && sample.PeakResidentBytes >= sample.ResidentBytes);

        var crashedPid = product.Pid;
        await product.RestartAsync(crash: true, cancellationToken: cancellationToken);
        Assert.NotEqual(crashedPid, product.Pid);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/products/{id}", cancellationToken)).StatusCode);

        await using (var second = await product.StartAnotherInstanceAsync(FreePort.Next(), cancellationToken))
        {
            using var secondClient = new HttpClient { BaseAddress = second.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync($"/products/{id}", cancellationToken)).StatusCode);
            Assert.True(await second.StopAsync(TimeSpan.FromSeconds(15), cancellationToken), "the second instance exits on SIGTERM");
        }

        Assert.True(await product.StopAsync(TimeSpan.FromSeconds(15), cancellationToken), "the service exits on SIGTERM without being killed");
        Assert.False(product.IsRunning);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private readonly LocalTokenIssuer _tokens = LocalTokenIssuer.WithNewKey();

    private ServiceProcessOptions Options(int port) => new()
    {
        Name = "ProductService",
        AssemblyPath = ServiceBuildOutput.AssemblyPath("ProductService"),
        Port = port,
        LogFile = Path.Combine(_data, "ProductService.log"),
        Environment = new Dictionary<string, string?>(_tokens.ServiceSettings().Select(s => KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value)))
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__messaging"] = broker.Uri.ToString(),
            ["ConnectionStrings__productsdb"] = $"Data Source={Path.Combine(_data, "products.db")}",
            ["Messaging__EntityPrefix"] = $"proc-{Guid.NewGuid():N}"[..13],
        },
    };

    private sealed record CreatedProduct(Guid Id);
}
