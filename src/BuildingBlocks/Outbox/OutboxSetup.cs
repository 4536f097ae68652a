using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ProductCatalogOrders.BuildingBlocks.Telemetry;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

public static class OutboxSetup
{
    /// <summary>Runs the dispatcher and the pruner for <typeparamref name="TContext"/>'s outbox table.</summary>
    public static IHostApplicationBuilder AddOutboxDispatcher<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext, IOutboxContext
    {
        var section = builder.Configuration.GetSection(OutboxOptions.Section);
        Validate(section.Get<OutboxOptions>() ?? new OutboxOptions());

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<OutboxTelemetry>();
        builder.Services.Configure<OutboxOptions>(section);
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddHostedService<OutboxPruner<TContext>>();
        builder.Services.Configure<TelemetryOptions>(builder.Configuration.GetSection(TelemetryOptions.Section));
        builder.Services.AddHostedService<OutboxGauges<TContext>>();
        builder.Services.AddScoped<IOutboxContext>(provider => provider.GetRequiredService<TContext>());
        return builder;
    }

    /// <summary>Settings that cannot work stop start-up with one line naming the setting.</summary>
    internal static void Validate(OutboxOptions options)
    {
        static void Require(bool condition, string setting, string rule)
        {
            if (!condition)
            {
                throw new StartupFailure($"{OutboxOptions.Section}:{setting}: {rule}.");
            }
        }

        Require(options.Lease >= TimeSpan.FromMilliseconds(100), nameof(options.Lease), "must be at least 100 ms");
        Require(options.PollInterval > TimeSpan.Zero, nameof(options.PollInterval), "must be positive");
        Require(options.PublishTimeout > TimeSpan.Zero, nameof(options.PublishTimeout), "must be positive");
        Require(options.BatchSize is >= 1 and <= 1000, nameof(options.BatchSize), "must be between 1 and 1000");
        Require(options.FirstRetryDelay > TimeSpan.Zero && options.MaxRetryDelay >= options.FirstRetryDelay,
            nameof(options.MaxRetryDelay), "must be positive and at least Outbox:FirstRetryDelay");
        Require(options.Retention > TimeSpan.Zero, nameof(options.Retention), "must be positive");
        Require(options.PruneInterval > TimeSpan.Zero, nameof(options.PruneInterval), "must be positive");
        Require(options.PruneBatchSize is >= 1 and <= 10_000, nameof(options.PruneBatchSize), "must be between 1 and 10000");
    }
}
