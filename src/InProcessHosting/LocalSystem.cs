using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.CatalogService;
using ProductCatalogOrders.ErasureService;
using ProductCatalogOrders.OrderService;
using ProductCatalogOrders.ProductService;

namespace ProductCatalogOrders.InProcessHosting;

/// <summary>
/// Product, Catalog and Order (and Erasure, when asked) hosted together in this process: real sockets, one real broker,
/// one SQLite file each. The integration tests and the benchmarks start the system through
/// this one helper, so they exercise exactly what <c>eng/run.sh</c> runs.
/// </summary>
public sealed class LocalSystem : IAsyncDisposable
{
    private LocalSystem(LocalSystemOptions options)
    {
        Directory.CreateDirectory(options.DataDirectory);
        Tokens = options.Tokens ?? LocalTokenIssuer.WithNewKey();
        SubjectTokenKey = options.Settings.TryGetValue(SubjectTokens.Setting, out var key) && key is not null ? key : LocalTokenIssuer.NewKey();
        options = options with
        {
            Tokens = Tokens,
            Settings = new Dictionary<string, string?>(options.Settings) { [SubjectTokens.Setting] = SubjectTokenKey },
        };
        Product = Host(options, ProductServiceApp.Name, ProductServiceApp.Build, "productsdb", "products.db");
        Catalog = Host(options, CatalogServiceApp.Name, CatalogServiceApp.Build, "catalogdb", "catalog.db");
        Order = Host(options, OrderServiceApp.Name, OrderServiceApp.Build, "ordersdb", "orders.db");
        Erasure = options.WithErasure ? Host(options, ErasureServiceApp.Name, ErasureServiceApp.Build, "erasuredb", "erasure.db") : null;

        // Service discovery, as Aspire injects it: every service can find the others.
        var peers = new List<(string, ServiceHost)> { ("productservice", Product), ("catalogservice", Catalog), ("orderservice", Order) };
        if (Erasure is not null)
        {
            peers.Add(("erasureservice", Erasure));
        }

        foreach (var service in Services)
        {
            foreach (var (resource, peer) in peers)
            {
                service.Configure($"services:{resource}:http:0", peer.BaseAddress.GetLeftPart(UriPartial.Authority));
            }
        }
    }

    /// <summary>Mints tokens every service of this system accepts: <c>system.Tokens.Mint("lab", Scopes.Staff)</c>.</summary>
    public LocalTokenIssuer Tokens { get; }

    public ServiceHost Product { get; }

    public ServiceHost Catalog { get; }

    public ServiceHost Order { get; }

    /// <summary>Null unless <see cref="LocalSystemOptions.WithErasure"/>.</summary>
    public ServiceHost? Erasure { get; }

    public IReadOnlyList<ServiceHost> Services => Erasure is null ? [Product, Catalog, Order] : [Product, Catalog, Order, Erasure];

    /// <summary>The key every service of this system makes subject tokens with (<c>Privacy:SubjectTokenKey</c>).</summary>
    public string SubjectTokenKey { get; }

    /// <summary>
    /// Starts ProductService, then the consumers, and returns once every service reports ready: a
    /// consumer's cache first catches up from ProductService's snapshot while its queues already
    /// collect events, so nothing published before its queues existed is missed.
    /// </summary>
    public static async Task<LocalSystem> StartAsync(LocalSystemOptions options, CancellationToken cancellationToken = default)
    {
        var system = new LocalSystem(options);
        try
        {
            await system.Product.StartAsync(cancellationToken);
            await system.Catalog.StartAsync(cancellationToken);
            await system.Order.StartAsync(cancellationToken);
            if (system.Erasure is not null)
            {
                await system.Erasure.StartAsync(cancellationToken);
            }

            foreach (var service in system.Services)
            {
                await service.WaitReadyAsync(TimeSpan.FromSeconds(60), cancellationToken);
            }

            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Services.Reverse())
        {
            await service.DisposeAsync();
        }
    }

    private static ServiceHost Host(
        LocalSystemOptions options,
        string name,
        Func<string[], Action<IServiceCollection>?, WebApplication> build,
        string connectionName,
        string file)
    {
        var settings = new Dictionary<string, string?>(options.Settings)
        {
            ["ConnectionStrings:messaging"] = (options.ServiceBrokers?.GetValueOrDefault(name) ?? options.Broker).ToString(),
            [$"ConnectionStrings:{connectionName}"] = $"Data Source={Path.Combine(options.DataDirectory, file)}",
            ["Messaging:EntityPrefix"] = options.EntityPrefix,
            ["Logging:LogLevel:Default"] = options.MinimumLogLevel.ToString(),
            ["Logging:LogLevel:Microsoft"] = options.MinimumLogLevel.ToString(),
            ["Logging:LogLevel:MassTransit"] = options.MinimumLogLevel.ToString(),
            ["environment"] = options.Environment,
            ["Erasure:Dataset:Path"] = Path.Combine(options.DataDirectory, "erasure-dataset"),
        };
        Action<IServiceCollection>? overrides = options.OverrideServices is { } replace ? services => replace(name, services) : null;
        foreach (var (key, value) in (options.Tokens ?? throw new InvalidOperationException("no token issuer")).ServiceSettings())
        {
            settings[key] = value;
        }

        return new ServiceHost(name, args => build(args, overrides), settings);
    }
}
