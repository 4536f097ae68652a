using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// Product, Catalog and Order (and Erasure, when asked) as real processes from their Release builds,
/// configured as <c>eng/run.sh</c> configures the local profile (nothing about logging is overridden),
/// with fresh SQLite files in a data folder of their own and the broker URI given (a throw-away
/// virtual host).
/// </summary>
public sealed class BenchmarkSystem : IAsyncDisposable
{
    private BenchmarkSystem(string dataDirectory, ServiceProcess product, ServiceProcess catalog, ServiceProcess order, ServiceProcess? erasure)
    {
        DataDirectory = dataDirectory;
        Product = product;
        Catalog = catalog;
        Order = order;
        Erasure = erasure;
    }

    public string DataDirectory { get; }

    public ServiceProcess Product { get; }

    public ServiceProcess Catalog { get; }

    public ServiceProcess Order { get; }

    /// <summary>Null unless started with <c>withErasure</c>.</summary>
    public ServiceProcess? Erasure { get; }

    public IReadOnlyList<ServiceProcess> Services => Erasure is null ? [Product, Catalog, Order] : [Product, Catalog, Order, Erasure];

    public string ProductsDatabase => Path.Combine(DataDirectory, "products.db");

    public string CatalogDatabase => Path.Combine(DataDirectory, "catalog.db");

    public string OrdersDatabase => Path.Combine(DataDirectory, "orders.db");

    public string ErasureDatabase => Path.Combine(DataDirectory, "erasure.db");

    /// <summary>
    /// A consumer that never confirms keeps decommissioned products in their DELETING step, so each
    /// replica's AppliedAt is the decommission's own, not the completion's that follows it.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> HoldDeletingStep => new Dictionary<string, string?>
    {
        [StrategyLabSettings.HoldDeletingStep.Key.Replace(":", "__", StringComparison.Ordinal)] = StrategyLabSettings.HoldDeletingStep.Value,
    };

    /// <summary>The shipped list of consumers: decommissions complete once Catalog and Order confirm.</summary>
    public static IReadOnlyDictionary<string, string?> ShippedConsumers => new Dictionary<string, string?>
    {
        [StrategyLabSettings.HoldDeletingStep.Key.Replace(":", "__", StringComparison.Ordinal)] = null,
    };

    /// <summary>
    /// Starts ProductService first: each consumer then reports ready once its cache has caught up from
    /// the snapshot. With <paramref name="withErasure"/>, ErasureService last, with its store, its
    /// dataset folder and a subject-token key, as <c>eng/run.sh</c> runs it.
    /// </summary>
    public static async Task<BenchmarkSystem> StartAsync(
        string repositoryRoot, Uri broker, string dataDirectory, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken, bool withErasure = false)
    {
        Directory.CreateDirectory(dataDirectory);
        var services = withErasure ? ServiceBuild.WithErasure : ServiceBuild.Services;
        var ports = services.ToDictionary(service => service, _ => FreePort.Next());
        var environment = new Dictionary<string, string?>
        {
            // What eng/run.sh exports for the local profile.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__messaging"] = broker.ToString(),
            ["ConnectionStrings__productsdb"] = $"Data Source={Path.Combine(dataDirectory, "products.db")}",
            ["ConnectionStrings__catalogdb"] = $"Data Source={Path.Combine(dataDirectory, "catalog.db")}",
            ["ConnectionStrings__ordersdb"] = $"Data Source={Path.Combine(dataDirectory, "orders.db")}",
            ["services__productservice__http__0"] = $"http://127.0.0.1:{ports["ProductService"]}",
            ["services__catalogservice__http__0"] = $"http://127.0.0.1:{ports["CatalogService"]}",
            ["services__orderservice__http__0"] = $"http://127.0.0.1:{ports["OrderService"]}",
        };
        if (withErasure)
        {
            environment["ConnectionStrings__erasuredb"] = $"Data Source={Path.Combine(dataDirectory, "erasure.db")}";
            environment["Erasure__Dataset__Path"] = Path.Combine(dataDirectory, "erasure-dataset");
            environment["services__erasureservice__http__0"] = $"http://127.0.0.1:{ports["ErasureService"]}";
            environment["Privacy__SubjectTokenKey"] = LocalTokenIssuer.NewKey();
        }

        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        ServiceProcessOptions Options(string service) => new()
        {
            Name = service,
            AssemblyPath = ServiceBuild.AssemblyPath(repositoryRoot, service),
            Port = ports[service],
            Environment = environment,
            LogFile = Path.Combine(dataDirectory, "logs", $"{service}.log"),
        };

        var started = new List<ServiceProcess>();
        try
        {
            foreach (var service in services)
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

        return new BenchmarkSystem(dataDirectory, started[0], started[1], started[2], withErasure ? started[3] : null);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Services.Reverse())
        {
            await service.DisposeAsync();
        }
    }
}
