using ProductCatalogOrders.BuildingBlocks.Strategies;

namespace ProductCatalogOrders.ProductService.Removal;

/// <summary>JustDontDelete and AsynchronousUpdate: products are decommissioned, never deleted.</summary>
public sealed class DecommissionOnlyRemoval(DeletionStrategy strategy) : IProductRemoval
{
    public Task<RemovalOutcome> RemoveAsync(Guid productId, string actor, CancellationToken cancellationToken) =>
        Task.FromResult(RemovalOutcome.NotAllowed(
            $"Under {strategy} products are decommissioned, not deleted: POST /products/{productId}/decommission."));
}
