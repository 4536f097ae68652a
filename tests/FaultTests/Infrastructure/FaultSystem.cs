using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>
/// Product, Catalog and Order as three real processes, the service binaries of this build, configured
/// as <c>eng/run.sh</c> configures the local profile (Development, SQLite, the shipped appsettings), with
/// fresh SQLite files of their own, free loopback ports, and a prefix on every exchange and queue. The
/// suite mints its own tokens with a key of its own and raises the destructive-operation rate limit for
/// its own subject only, so storms measure the services rather than the limiter.
/// </summary>
public sealed class FaultSystem : IAsyncDisposable
{
    public const string Client = "fault-suite";

    private FaultSystem(string dataDirectory, string entityPrefix, Uri broker, FaultApi api, ServiceProcess product, ServiceProcess catalog, ServiceProcess order)
    {
        DataDirectory = dataDirectory;
        EntityPrefix = entityPrefix;
        Broker = broker;
        Api = api;
        Product = product;
        Catalog = catalog;
        Order = order;
    }

    public string DataDirectory { get; }

    /// <summary>Prefixes every exchange and queue of this system, e.g. <c>flt1a2b3c-</c>.</summary>
    public string EntityPrefix { get; }

    public Uri Broker { get; }

    public FaultApi Api { get; }

    public ServiceProcess Product { get; }

    public ServiceProcess Catalog { get; }

    public ServiceProcess Order { get; }

    public string ProductsDatabase => Path.Combine(DataDirectory, "products.db");

    public string CatalogDatabase => Path.Combine(DataDirectory, "catalog.db");

    public string OrdersDatabase => Path.Combine(DataDirectory, "orders.db");

    /// <summary>Starts the consumers first, so their queues exist before ProductService publishes anything.</summary>
    public static async Task<FaultSystem> StartAsync(Uri broker, string purpose, CancellationToken cancellationToken)
    {
        var data = Directory.CreateTempSubdirectory($"pco-faults-{purpose}-").FullName;
        var prefix = $"flt{Guid.NewGuid():N}"[..9] + "-";
        var issuer = LocalTokenIssuer.WithNewKey();
        var ports = new Dictionary<string, int>
        {
            ["ProductService"] = FreePort.Next(),
            ["CatalogService"] = FreePort.Next(),
            ["OrderService"] = FreePort.Next(),
        };
        var environment = issuer.ServiceSettings().ToDictionary(s => EnvironmentKey(s.Key), s => s.Value);
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["ConnectionStrings__messaging"] = broker.ToString();
        environment["ConnectionStrings__productsdb"] = $"Data Source={Path.Combine(data, "products.db")}";
        environment["ConnectionStrings__catalogdb"] = $"Data Source={Path.Combine(data, "catalog.db")}";
        environment["ConnectionStrings__ordersdb"] = $"Data Source={Path.Combine(data, "orders.db")}";
        environment["services__productservice__http__0"] = $"http://127.0.0.1:{ports["ProductService"]}";
        environment["services__catalogservice__http__0"] = $"http://127.0.0.1:{ports["CatalogService"]}";
        environment["services__orderservice__http__0"] = $"http://127.0.0.1:{ports["OrderService"]}";
        environment["Messaging__EntityPrefix"] = prefix;
        environment[EnvironmentKey(StrategyLabSettings.HighVolumeClientsSetting)] = Client;

        // Only the log's format changes: a time on every line, so a failed scenario's logs show what happened when.
        environment["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ";

        ServiceProcessOptions Options(string service) => new()
        {
            Name = service,
            AssemblyPath = ServiceAssembly(service),
            Port = ports[service],
            Environment = environment,
            LogFile = Path.Combine(data, "logs", $"{service}.log"),
        };

        var started = new List<ServiceProcess>();
        try
        {
            foreach (var service in new[] { "CatalogService", "OrderService", "ProductService" })
            {
                started.Add(await ServiceProcess.StartAsync(Options(service), cancellationToken));
            }
        }
        catch
        {
            foreach (var service in started)
            {
                await service.DisposeAsync();
            }

            throw;
        }

        var token = issuer.Mint(Client, Scopes.Staff, name: "Fault suite", lifetime: TimeSpan.FromHours(2));
        var api = new FaultApi(token, started[2].BaseAddress, started[0].BaseAddress, started[1].BaseAddress);
        return new FaultSystem(data, prefix, broker, api, started[2], started[0], started[1]);
    }

    public IReadOnlyList<ServiceProcess> Services => [Product, Catalog, Order];

    /// <summary>The consumers' replica files and tables, with the service that owns each.</summary>
    public IReadOnlyList<ReplicaSource> Replicas =>
    [
        new("Catalog", CatalogDatabase, "ProductCache", "CatalogItems", "catalog item"),
        new("Order", OrdersDatabase, "ProductReplicas", "OrderLine", "order line"),
    ];

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Services.Reverse())
        {
            await service.DisposeAsync();
        }

        Api.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static string EnvironmentKey(string setting) => setting.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The service's own build output, in the configuration this suite was built in.</summary>
    private static string ServiceAssembly(string service)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // .../bin/<Configuration>/net10.0/
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProductCatalogOrders.Local.slnf")))
            {
                return Path.Combine(directory.FullName, "src", service, "bin", configuration, "net10.0", $"ProductCatalogOrders.{service}.dll");
            }
        }

        throw new InvalidOperationException("The repository root was not found above the suite's output folder.");
    }
}

/// <summary>Where one consumer keeps its product replicas and its references to products.</summary>
public sealed record ReplicaSource(string Service, string File, string ReplicaTable, string ReferenceTable, string ReferenceName);
