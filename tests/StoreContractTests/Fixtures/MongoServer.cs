using MongoDB.Driver;
using ProductCatalogOrders.CatalogService.Storage.Mongo;
using ProductCatalogOrders.TestSupport;
using Testcontainers.MongoDb;

namespace ProductCatalogOrders.StoreContractTests.Fixtures;

/// <summary>One MongoDB container for the whole run, where a Docker engine answers; each test gets a database of its own.</summary>
public sealed class MongoServer : IAsyncLifetime
{
    private MongoDbContainer? _container;
    private MongoClient? _client;

    /// <summary>Why the MongoDB suites are skipped here; null when the server runs.</summary>
    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (await DockerEngine.UnavailableReasonAsync() is { } reason)
        {
            SkipReason = $"MongoDB suites need a Docker engine for Testcontainers.MongoDb: {reason}";
            return;
        }

        _container = new MongoDbBuilder("mongo:8.0").Build();
        await _container.StartAsync();
        _client = new MongoClient(_container.GetConnectionString());
    }

    /// <summary>A fresh database with the indexes the catalog creates at start-up.</summary>
    public async Task<CatalogMongoDatabase> NewDatabaseAsync()
    {
        var database = new CatalogMongoDatabase(_client!.GetDatabase($"contract_{Guid.NewGuid():N}"));
        await database.CreateIndexesAsync(TestContext.Current.CancellationToken);
        return database;
    }

    public async Task DropAsync(CatalogMongoDatabase database) =>
        await _client!.DropDatabaseAsync(database.Database.DatabaseNamespace.DatabaseName);

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
