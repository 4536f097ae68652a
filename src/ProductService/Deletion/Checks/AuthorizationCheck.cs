using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.ProductService.Deletion.Checks;

/// <summary>
/// The caller's token carries the <c>products:purge</c> scope. A check rather than a route policy, so
/// a refused purge lists this with every other failed check in one 409.
/// </summary>
public sealed class AuthorizationCheck : IDeletionCheck
{
    public string Name => "authorization";

    public Task<CheckVerdict> EvaluateAsync(DeletionCheckContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller.Actor();
        return Task.FromResult(context.Caller.HasScope(Scopes.ProductsPurge)
            ? CheckVerdict.Pass(Name, $"{caller} holds {Scopes.ProductsPurge}.")
            : CheckVerdict.Fail(Name, $"{caller} does not hold {Scopes.ProductsPurge}."));
    }
}
