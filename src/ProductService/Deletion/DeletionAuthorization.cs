using Microsoft.AspNetCore.Authorization;

namespace ProductCatalogOrders.ProductService.Deletion;

public static class DeletionAuthorization
{
    /// <summary>One policy per permission: <c>products:purge</c> requires an authenticated caller holding that permission claim.</summary>
    public static AuthorizationBuilder AddDeletionPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(DeletionPermissions.PurgeProducts, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(DeletionPermissions.ClaimType, DeletionPermissions.PurgeProducts));
}
