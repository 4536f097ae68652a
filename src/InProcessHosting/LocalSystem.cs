using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.CatalogService;
using ProductCatalogOrders.OrderService;
using ProductCatalogOrders.ProductService;

namespace ProductCatalogOrders.InProcessHosting;

/// <summary>
/// Product, Catalog and Order hosted together in this process: real sockets, one real broker,
/// one SQLite file each. The integration tests and the benchmarks start the system through
/// this one helper, so they exercise exactly what <c>eng/run.sh</c> runs.
/// </summary>
public sealed class LocalSystem : IAsyncDisposable
{
    private LocalSystem(LocalSystemOptions options)
    {
        Directory.CreateDirectory(options.DataDirectory);
        Tokens = options.Tokens ?? LocalTokenIssuer.WithNewKey();
        options = options with { Tokens = Tokens };
        Product = Host(options, ProductServiceApp.Name, ProductServiceApp.Build, "productsdb", "products.db");
        Catalog = Host(options, CatalogServiceApp.Name, CatalogServiceApp.Build, "catalogdb", "catalog.db");
        Order = Host(options, OrderServiceApp.Name, OrderServiceApp.Build, "ordersdb", "orders.db");

        // Service discovery, as Aspire injects it: every service can find the others.
        foreach (var service in Services)
        {
            foreach (var (resource, peer) in new[] { ("productservice", Product), ("catalogservice", Catalog), ("orderservice", Order) })
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

    public IReadOnlyList<ServiceHost> Services => [Product, Catalog, Order];

    /// <summary>Starts the consumers first, so their queues exist before ProductService publishes anything.</summary>
    public static async Task<LocalSystem> StartAsync(LocalSystemOptions options, CancellationToken cancellationToken = default)
    {
        var system = new LocalSystem(options);
        try
        {
            await system.Catalog.StartAsync(cancellationToken);
            await system.Order.StartAsync(cancellationToken);
            await system.Product.StartAsync(cancellationToken);
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
        };
        Action<IServiceCollection>? overrides = options.OverrideServices is { } replace ? services => replace(name, services) : null;
        foreach (var (key, value) in (options.Tokens ?? throw new InvalidOperationException("no token issuer")).ServiceSettings())
        {
            settings[key] = value;
        }

        return new ServiceHost(name, args => build(args, overrides), settings);
    }
}
