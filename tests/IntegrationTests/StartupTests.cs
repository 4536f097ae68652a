using Microsoft.AspNetCore.Builder;
using ProductCatalogOrders.BuildingBlocks.Hosting;
using ProductCatalogOrders.CatalogService;
using ProductCatalogOrders.ProductService;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>A missing or unreachable store or broker stops start-up with one line that names the setting.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string DataFile = Path.Combine(Path.GetTempPath(), $"pco-startup-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Unreachable_broker_names_the_messaging_setting()
    {
        var message = await StartupFailureAsync(
            "--ConnectionStrings:messaging=amqp://guest:secret@127.0.0.1:1/", "--Messaging:StartupTimeout=00:00:01");

        Assert.StartsWith("ConnectionStrings:messaging: cannot reach RabbitMQ at amqp://guest:***@127.0.0.1:1/", message);
        Assert.DoesNotContain("secret", message);
        Assert.DoesNotContain(Environment.NewLine, message);
    }

    [Fact]
    public async Task Broker_address_that_is_not_amqp_names_the_messaging_setting()
    {
        var message = await StartupFailureAsync("--ConnectionStrings:messaging=http://127.0.0.1:5672/");

        Assert.StartsWith("ConnectionStrings:messaging: 'http://127.0.0.1:5672/' is not an amqp:// URI", message);
    }

    [Fact]
    public async Task Unknown_store_provider_names_the_provider_setting()
    {
        var message = await StartupFailureAsync("--Storage:Provider=Oracle");

        Assert.Equal("Storage:Provider: 'Oracle' is not a store provider this service supports; use Sqlite or SqlServer.", message);
    }

    [Fact]
    public async Task Store_that_cannot_be_opened_names_its_connection_string()
    {
        var blocker = Path.Combine(Path.GetTempPath(), $"pco-not-a-folder-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(blocker, "a file where a folder should be", TestContext.Current.CancellationToken);
        try
        {
            var message = await StartupFailureAsync($"--ConnectionStrings:productsdb=Data Source={Path.Combine(blocker, "products.db")}");

            Assert.StartsWith("ConnectionStrings:productsdb: cannot open the SQLite store at", message);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task Sql_server_without_a_connection_string_names_it()
    {
        var message = await StartupFailureAsync("--Storage:Provider=SqlServer", "--ConnectionStrings:productsdb=");

        Assert.Equal("ConnectionStrings:productsdb: a SQL Server connection string is required when Storage:Provider is SqlServer.", message);
    }

    [Fact]
    public async Task Catalog_refuses_sql_server_and_names_the_providers_it_takes()
    {
        var message = await StartupFailureAsync(args => CatalogServiceApp.Build(args), "--Storage:Provider=SqlServer");

        Assert.Equal("Storage:Provider: 'SqlServer' is not a store provider this service supports; use Sqlite or Mongo.", message);
    }

    [Fact]
    public async Task Unreachable_mongo_names_the_catalog_setting()
    {
        var message = await StartupFailureAsync(
            args => CatalogServiceApp.Build(args), "--Storage:Provider=Mongo", "--ConnectionStrings:catalogdb=mongodb://127.0.0.1:1/catalogdb", "--Storage:ConnectTimeout=00:00:01");

        Assert.StartsWith("ConnectionStrings:catalogdb: cannot reach MongoDB at 127.0.0.1:1 (", message);
        Assert.DoesNotContain(Environment.NewLine, message);
    }

    [Fact]
    public async Task Missing_subject_token_key_outside_development_names_the_privacy_setting()
    {
        var message = await StartupFailureAsync(args => ErasureService.ErasureServiceApp.Build(args), $"--ConnectionStrings:erasuredb=Data Source={DataFile}");

        Assert.Equal("Privacy:SubjectTokenKey: a base64 key of 32 bytes or more is required outside Development (eng/run.sh makes one).", message);
    }

    [Fact]
    public async Task Subject_token_key_that_is_too_short_names_the_privacy_setting()
    {
        var message = await StartupFailureAsync($"--Privacy:SubjectTokenKey={Convert.ToBase64String(new byte[16])}");

        Assert.Equal("Privacy:SubjectTokenKey: the key has 16 bytes; use 32 or more.", message);
    }

    public void Dispose()
    {
        foreach (var file in new[] { DataFile, DataFile + "-wal", DataFile + "-shm" })
        {
            File.Delete(file);
        }
    }

    private Task<string> StartupFailureAsync(params string[] settings) => StartupFailureAsync(args => ProductServiceApp.Build(args), settings);

    private async Task<string> StartupFailureAsync(Func<string[], WebApplication> build, params string[] settings)
    {
        string[] args =
        [
            $"--ConnectionStrings:productsdb=Data Source={DataFile}", $"--ConnectionStrings:catalogdb=Data Source={DataFile}",
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=None", .. settings,
        ];
        var exception = await Record.ExceptionAsync(async () =>
        {
            await using var app = build(args);
            await app.StartAsync(TestContext.Current.CancellationToken);
            await app.StopAsync(TestContext.Current.CancellationToken);
        });

        var failure = ServiceRunner.FindStartupFailure(exception);
        Assert.True(failure is not null, $"expected a start-up failure, got {exception?.ToString() ?? "a successful start"}");
        return failure.Message;
    }
}
