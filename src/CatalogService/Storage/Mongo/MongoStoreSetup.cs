using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Driver;
using ProductCatalogOrders.BuildingBlocks;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.CatalogService.Reviews;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

public static class MongoStoreSetup
{
    public const string DefaultDatabase = "catalogdb";

    /// <summary>The catalog store and product cache on MongoDB, from <c>ConnectionStrings:{connectionName}</c>.</summary>
    public static IHostApplicationBuilder AddMongoCatalogStore(this IHostApplicationBuilder builder, string connectionName)
    {
        var setting = $"ConnectionStrings:{connectionName}";
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupFailure($"{setting}: a MongoDB connection string is required when {StoreProviderSetting.Name} is Mongo.");
        }

        MongoUrl url;
        try
        {
            url = MongoUrl.Create(connectionString);
        }
        catch (MongoConfigurationException exception)
        {
            throw new StartupFailure($"{setting}: not a valid MongoDB connection string ({exception.Message}).", exception);
        }

        var settings = MongoClientSettings.FromUrl(url);
        settings.ServerSelectionTimeout = builder.Configuration.GetValue("Storage:ConnectTimeout", TimeSpan.FromSeconds(10));
        var database = new MongoClient(settings).GetDatabase(url.DatabaseName ?? DefaultDatabase);

        builder.Services.AddSingleton(new CatalogMongoDatabase(database));
        builder.Services.AddHostedService(services =>
            new MongoStoreInitializer(services.GetRequiredService<CatalogMongoDatabase>(), setting, string.Join(",", url.Servers)));
        builder.Services.AddHealthChecks().AddCheck<MongoPingHealthCheck>(StoreHealth.Name, HealthStatus.Unhealthy, ["ready"]);
        StoreHealth.Bound(builder.Services);
        builder.Services.AddScoped<ICatalogStore, MongoCatalogStore>();
        builder.Services.AddScoped<IReviewStore, MongoReviewStore>();
        builder.Services.AddScoped<IAuditTrail, MongoAuditTrail>();
        builder.Services.AddProductReplicaStore<MongoProductCache>();
        builder.Services.AddScoped<IReconciliationStore, MongoReconciliationStore>();
        return builder;
    }
}
