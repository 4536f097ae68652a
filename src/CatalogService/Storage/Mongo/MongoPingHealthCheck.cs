using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;

namespace ProductCatalogOrders.CatalogService.Storage.Mongo;

/// <summary>The catalog's store under Mongo: a <c>ping</c> the server must answer.</summary>
public sealed class MongoPingHealthCheck(CatalogMongoDatabase mongo) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await mongo.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy("MongoDB answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "MongoDB does not answer.", exception);
        }
    }
}
