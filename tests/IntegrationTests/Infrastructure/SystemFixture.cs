using ProductCatalogOrders.InProcessHosting;

namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>The three services with fresh SQLite databases on the shared test broker, one system per test class.</summary>
public class SystemFixture(TestBroker broker) : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"pco-it-{Guid.NewGuid():N}");

    public LocalSystem System { get; private set; } = null!;

    /// <summary>Where each service's SQLite file is, for tests that look at or hold a store directly.</summary>
    public string DataDirectory => _dataDirectory;

    public Api Api { get; private set; } = null!;

    protected TestBroker Broker => broker;

    /// <summary>The broker address the services use; a subclass may put something in between.</summary>
    protected virtual Uri ServiceBroker => broker.Uri;

    /// <summary>Lets a subclass adjust the system before it starts.</summary>
    protected virtual LocalSystemOptions Configure(LocalSystemOptions options) => options;

    public virtual async ValueTask InitializeAsync()
    {
        var options = Configure(new LocalSystemOptions
        {
            Broker = ServiceBroker,
            DataDirectory = _dataDirectory,
            Settings = new Dictionary<string, string?>
            {
                ["Outbox:PollInterval"] = "00:00:00.500",
                ["Outbox:MaxRetryDelay"] = "00:00:01",
                ["Outbox:PublishTimeout"] = "00:00:03",
                ["Security:DestructiveRateLimit:HighVolumeClients"] = Api.Subject,
            },
        });
        var overrides = options.OverrideServices;
        System = await LocalSystem.StartAsync(options with
        {
            OverrideServices = (service, services) =>
            {
                overrides?.Invoke(service, services);
                ConsumedProductEvents.Install(services);
            },
        });
        Api = new Api(System);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (System is not null)
        {
            await System.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite file may still be held for a moment after shutdown; the folder is in temp.
        }
    }
}
