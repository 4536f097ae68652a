namespace ProductCatalogOrders.BuildingBlocks.Security;

/// <summary>
/// The scopes a token can carry (in its space-separated <c>scope</c> claim). Each is also the name of
/// the authorization policy that requires it, applied to whole route groups.
/// </summary>
public static class Scopes
{
    public const string ClaimType = "scope";

    public const string ProductsWrite = "products:write";
    public const string ProductsDecommission = "products:decommission";
    public const string ProductsPurge = "products:purge";
    public const string ProductsLegalHold = "products:legal-hold";
    public const string CatalogWrite = "catalog:write";
    public const string OrdersWrite = "orders:write";
    public const string OrdersRead = "orders:read";
    public const string ErasureRequest = "erasure:request";
    public const string ErasureLegalHold = "erasure:legal-hold";
    public const string Admin = "admin";

    /// <summary>Calls between services: release a product, count its open orders, erase and count a customer's data.</summary>
    public const string Service = "service";

    /// <summary>Every scope a person on staff can hold; a token with none of them and a customer id is a customer's.</summary>
    public static readonly IReadOnlyList<string> Staff =
        [ProductsWrite, ProductsDecommission, ProductsPurge, ProductsLegalHold, CatalogWrite, OrdersWrite, OrdersRead, ErasureRequest, ErasureLegalHold, Admin, Service];

    /// <summary>The product scopes; the purge route accepts any of them and leaves the decision to the purge's own checks.</summary>
    public static readonly IReadOnlyList<string> AnyProductScope = [ProductsWrite, ProductsDecommission, ProductsPurge, ProductsLegalHold];
}
