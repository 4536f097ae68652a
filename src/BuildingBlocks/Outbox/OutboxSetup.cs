using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

public static class OutboxSetup
{
    /// <summary>Runs the dispatcher for <typeparamref name="TContext"/>'s outbox table.</summary>
    public static IHostApplicationBuilder AddOutboxDispatcher<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext, IOutboxContext
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<OutboxTelemetry>();
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.Section));
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        return builder;
    }
}
