namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>How a consumer's copy of a product differs from ProductService, the source of truth.</summary>
public enum FindingKind
{
    /// <summary>The copy (or a local record referencing it) names a product ProductService does not know: what JustDelete leaves behind.</summary>
    Dangling,

    /// <summary>The copy's version is behind the source's: an event is late or was lost.</summary>
    Stale,

    /// <summary>The copy's version is ahead of the source's: a forged or misrouted event.</summary>
    Ahead,

    /// <summary>The source has the product and this service never received it.</summary>
    Missing,
}
