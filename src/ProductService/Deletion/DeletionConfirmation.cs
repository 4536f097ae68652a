namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>
/// One consumer's confirmation that it has applied a decommission or a purge at a given version. The
/// version tells them apart: a decommission's is the product's <c>DecommissionVersion</c>, a purge's
/// is the Purged product's final version, which never changes again.
/// </summary>
public sealed class DeletionConfirmation
{
    public Guid ProductId { get; set; }

    /// <summary>The version confirmed; a later decommission (after a restore) needs new confirmations.</summary>
    public long Version { get; set; }

    public required string Consumer { get; set; }

    public DateTimeOffset ConfirmedAt { get; set; }
}
