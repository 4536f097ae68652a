namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>One consumer's confirmation that it has applied a decommission at a given version.</summary>
public sealed class DeletionConfirmation
{
    public Guid ProductId { get; set; }

    /// <summary>The decommission version confirmed; a later decommission (after a restore) needs new confirmations.</summary>
    public long Version { get; set; }

    public required string Consumer { get; set; }

    public DateTimeOffset ConfirmedAt { get; set; }
}
