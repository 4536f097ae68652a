using MongoDB.Bson;
using ProductCatalogOrders.BuildingBlocks;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>Checks that MongoDB answers and creates the indexes before the bus delivers; a failure is one line naming the setting.</summary>
public sealed class MongoStoreInitializer(CatalogMongoDatabase mongo, string setting, string servers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await mongo.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
            await mongo.CreateIndexesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new StartupFailure($"{setting}: cannot reach MongoDB at {servers} ({exception.GetBaseException().Message.Split('\n')[0].Trim()}).", exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
