using Microsoft.AspNetCore.Authorization;

namespace ProductCatalogOrders.ProductService.Deletion.Checks;

/// <summary>The caller holds the <c>products:purge</c> permission, through the ASP.NET Core policy of that name.</summary>
public sealed class AuthorizationCheck(IAuthorizationService authorization) : IDeletionCheck
{
    public string Name => "authorization";

    public async Task<CheckVerdict> EvaluateAsync(DeletionCheckContext context, CancellationToken cancellationToken)
    {
        var caller = DeletionActor.Of(context.Caller);
        var result = await authorization.AuthorizeAsync(context.Caller, DeletionPermissions.PurgeProducts);
        return result.Succeeded
            ? CheckVerdict.Pass(Name, $"{caller} holds {DeletionPermissions.PurgeProducts}.")
            : CheckVerdict.Fail(Name, $"{caller} does not hold {DeletionPermissions.PurgeProducts}.");
    }
}
