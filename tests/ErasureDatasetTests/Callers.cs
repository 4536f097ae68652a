using System.Security.Claims;
using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.ErasureDatasetTests;

/// <summary>Authenticated callers as the token handler would produce them.</summary>
public static class Callers
{
    public static readonly ClaimsPrincipal Admin = With("ops-admin", Scopes.Admin);

    public static readonly ClaimsPrincipal Clerk = With("clerk", Scopes.OrdersRead);

    public static ClaimsPrincipal With(string subject, string scope) =>
        new(new ClaimsIdentity([new Claim(CallerClaims.Subject, subject), new Claim(Scopes.ClaimType, scope)], "Bearer"));
}
