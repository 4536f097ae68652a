using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.ErasureDataset.Layout;
using ProductCatalogOrders.ErasureDataset.Reading;
using ProductCatalogOrders.ErasureDataset.Retention;
using ProductCatalogOrders.ErasureDataset.Retention.Checks;
using ProductCatalogOrders.ErasureDataset.Writing;

namespace ProductCatalogOrders.ErasureDataset;

public static class ErasureDatasetSetup
{
    /// <summary>
    /// The offline dataset of erasure events: the background writer (from the host's
    /// <see cref="IErasureEventSource"/>, which the host registers), the reader, and the dataset retention
    /// with its checks (map its endpoint with <see cref="DatasetRetentionApi.MapDatasetRetention"/>).
    /// Settings: <c>Erasure:Dataset:Path</c>, <c>:BatchSize</c>, <c>:Interval</c> and <c>Erasure:DatasetRetention</c>.
    /// </summary>
    public static IServiceCollection AddErasureDataset(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ErasureDatasetOptions>()
            .Bind(configuration.GetSection(ErasureDatasetOptions.Section))
            .Configure(options =>
            {
                if (configuration.GetValue<TimeSpan?>(ErasureDatasetOptions.RetentionKey) is { } retention)
                {
                    options.Retention = retention;
                }
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), $"{ErasureDatasetOptions.Section}:Path is required.")
            .Validate(o => o.BatchSize >= 1, $"{ErasureDatasetOptions.Section}:BatchSize is at least 1.")
            .Validate(o => o.Interval > TimeSpan.Zero, $"{ErasureDatasetOptions.Section}:Interval is positive.")
            .Validate(o => o.Retention >= TimeSpan.FromDays(1), $"{ErasureDatasetOptions.RetentionKey} is at least one day.")
            .ValidateOnStart();

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DatasetLayout>();
        services.TryAddSingleton<IWriterCursorStore, FileWriterCursorStore>();
        services.TryAddSingleton<DatasetWriteLock>();
        services.TryAddSingleton<ErasureDatasetMetrics>();
        services.TryAddSingleton<ErasureDatasetWriter>();
        services.TryAddSingleton<ErasureDatasetReader>();
        services.AddHostedService<ErasureDatasetWriterService>();

        services.TryAddSingleton<DatasetRetentionAudit>();
        services.TryAddScoped<DatasetRetention>();
        services.TryAddScoped<DatasetFolderChecks>();
        return services
            .AddDatasetFolderCheck<StorageCheck>()
            .AddDatasetFolderCheck<UpstreamCheck>()
            .AddDatasetFolderCheck<RoutingCheck>()
            .AddDatasetFolderCheck<SchedulingCheck>()
            .AddDatasetFolderCheck<AuthorizationCheck>();
    }

    /// <summary>Registers a check that every day folder must pass before it is deleted; checks run in registration order.</summary>
    public static IServiceCollection AddDatasetFolderCheck<TCheck>(this IServiceCollection services) where TCheck : class, IDatasetFolderCheck
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDatasetFolderCheck, TCheck>());
        return services;
    }
}
