namespace ProductCatalogOrders.Contracts;

/// <summary>
/// The product lifecycle. Spelled exactly like this in JSON and on the wire (string enums).
/// </summary>
public enum ProductStatus
{
    /// <summary>Listed and orderable.</summary>
    Active,

    /// <summary>The DELETING step: read paths hide the product and consumers are being notified.</summary>
    Decommissioning,

    /// <summary>Every registered consumer has confirmed the decommission.</summary>
    Decommissioned,

    /// <summary>Master data erased after retention and the deletion checks; only a tombstone remains.</summary>
    Purged,
}
