using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProductCatalogOrders.BuildingBlocks.Storage;

/// <summary>The store's health check: its name, and a time limit so a store that hangs is reported within seconds.</summary>
public static class StoreHealth
{
    public const string Name = "store";

    /// <summary>A store check that has not answered by then counts as failed, so /health answers 503 within 10 s.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An EF Core store: it must answer a query, and be this service's database (its migrations applied),
    /// not an empty file a connection string happened to create.
    /// </summary>
    public static void AddRelational<TContext>(IServiceCollection services)
        where TContext : DbContext
    {
        services.AddHealthChecks().AddDbContextCheck<TContext>(
            Name,
            HealthStatus.Unhealthy,
            ["ready"],
            async (db, cancellationToken) => (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any());
        Bound(services);
    }

    public static void Bound(IServiceCollection services) =>
        services.Configure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Name == Name))
            {
                registration.Timeout = Timeout;
            }
        });
}
