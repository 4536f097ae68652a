using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>
/// Starts decommissions. Requests that arrive together commit together
/// (<see cref="GroupCommit{TRequest,TResult}"/>): each product's new state, its ProductDecommissioned
/// outbox row and its audit entry are still written in one transaction with the change, but under
/// load one transaction carries many decommissions, so the store's single writer is taken once per
/// batch instead of once per call, which leaves it free for the outbox dispatcher. An idle service
/// commits a lone request at once.
/// </summary>
public sealed class ProductDecommissions : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly GroupCommit<Request, (Product? Product, Transition Transition)> _commits;

    public ProductDecommissions(IServiceScopeFactory scopes, TimeProvider time)
    {
        (_scopes, _time) = (scopes, time);
        _commits = new GroupCommit<Request, (Product?, Transition)>(CommitAsync, maxBatch: 64);
    }

    /// <summary>The product after the change (null when unknown) and what the change did; completes once committed.</summary>
    public Task<(Product? Product, Transition Transition)> DecommissionAsync(Guid productId, string actor, CancellationToken cancellationToken) =>
        _commits.SubmitAsync(new Request(productId, actor), cancellationToken);

    public ValueTask DisposeAsync() => _commits.DisposeAsync();

    private async Task<IReadOnlyList<(Product?, Transition)>> CommitAsync(IReadOnlyList<Request> requests, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductsDbContext>();
        if (requests is [var single])
        {
            // Alone, or retried alone after its batch lost a race: the usual path, with its retries.
            return [await ProductChanges.ApplyAsync(
                db, single.ProductId, Decommission, ProductEvents.Decommissioned, _time, cancellationToken, new(single.Actor, DeletionSteps.Decommission))];
        }

        return await ProductChanges.ApplyEachAsync(
            db, [.. requests.Select(r => (r.ProductId, new AuditedAs(r.Actor, DeletionSteps.Decommission)))], Decommission, ProductEvents.Decommissioned, _time, cancellationToken);
    }

    private static Transition Decommission(Product product, DateTimeOffset now) => product.Decommission(now);

    private sealed record Request(Guid ProductId, string Actor);
}
