namespace ProductCatalogOrders.ProductService.Removal;

/// <summary>
/// What DELETE /products/{id} does under the configured <c>Deletion:Strategy</c>: one small class per
/// strategy, chosen at start-up, so the endpoint never branches on the strategy.
/// </summary>
public interface IProductRemoval
{
    Task<RemovalOutcome> RemoveAsync(Guid productId, string actor, CancellationToken cancellationToken);
}

/// <summary>The answer to a removal, with the HTTP status it maps to.</summary>
public sealed record RemovalOutcome(int StatusCode, string? Reason = null)
{
    public static readonly RemovalOutcome Removed = new(StatusCodes.Status204NoContent);

    public static readonly RemovalOutcome NotFound = new(StatusCodes.Status404NotFound, "No such product.");

    public static RemovalOutcome Refused(string reason) => new(StatusCodes.Status409Conflict, reason);

    public static RemovalOutcome DependentUnavailable(string reason) => new(StatusCodes.Status503ServiceUnavailable, reason);

    public static RemovalOutcome NotAllowed(string reason) => new(StatusCodes.Status405MethodNotAllowed, reason);
}
