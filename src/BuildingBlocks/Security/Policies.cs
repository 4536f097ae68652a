namespace ProductCatalogOrders.BuildingBlocks.Security;

/// <summary>Authorization policies beyond the one-per-scope policies named after <see cref="Scopes"/>.</summary>
public static class Policies
{
    /// <summary>Any <c>products:*</c> scope: the purge route, whose own authorization check then asks for <c>products:purge</c>.</summary>
    public const string AnyProductScope = "products:any";

    /// <summary><c>orders:read</c>, or a customer's own token (the handler then shows only that customer's orders).</summary>
    public const string ReadOrders = "orders:read-or-customer";

    /// <summary><c>orders:write</c>, or a customer's own token (the handler then accepts only that customer's orders).</summary>
    public const string PlaceOrders = "orders:write-or-customer";

    /// <summary><c>catalog:write</c>, or a customer's own token (the handler then accepts only that customer's reviews).</summary>
    public const string WriteReviews = "catalog:write-or-customer";

    /// <summary>/metrics and /openapi: anonymous where <c>Security:OperationalEndpointsAnonymous</c> says so, <c>admin</c> elsewhere.</summary>
    public const string Operational = "operational";

    /// <summary>The rate limit on destructive operations: decommission, restore, purge, DELETE, legal holds.</summary>
    public const string DestructiveRateLimit = "destructive";
}
