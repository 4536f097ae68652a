using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Storage;

namespace ProductCatalogOrders.BuildingBlocks.ProductReplicas;

/// <summary>
/// The one writer of a service's replica: events that consumers apply at the same time go to the
/// store together, in one transaction (<see cref="GroupCommit{TRequest,TResult}"/>). Under load that
/// is one commit for many events instead of one each; idle, an event is written at once.
/// </summary>
public sealed class ProductReplicaWriter(IServiceScopeFactory scopes) : IAsyncDisposable
{
    /// <summary>The most events one transaction carries.</summary>
    public const int MaxBatch = 256;

    private readonly GroupCommit<ReplicaWrite, ReplicaChange> _writes = new(async (writes, cancellationToken) =>
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IProductReplicaStore>().ApplyAsync(writes, cancellationToken);
    }, MaxBatch);

    public Task<ReplicaChange> ApplyAsync(ReplicaWrite write, CancellationToken cancellationToken) => _writes.SubmitAsync(write, cancellationToken);

    public ValueTask DisposeAsync() => _writes.DisposeAsync();
}
