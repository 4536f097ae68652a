using System.Security.Claims;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>Who is acting, as the audit trail names them.</summary>
public static class DeletionActor
{
    public static string Of(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";
}
