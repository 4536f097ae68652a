namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>Permissions are claims of this type; each is also the name of the authorization policy that requires it.</summary>
public static class DeletionPermissions
{
    public const string ClaimType = "permission";

    public const string PurgeProducts = "products:purge";
}
