namespace ProductCatalogOrders.BuildingBlocks.Telemetry;

/// <summary>Attribute names and values the metrics of <see cref="MetricNames"/> carry.</summary>
public static class MetricAttributes
{
    /// <summary>The service that reports: <c>product</c>, <c>catalog</c>, <c>order</c>, <c>erasure</c> (its consumer name).</summary>
    public const string Service = "service";

    /// <summary>What kind of resource a dangling count is about, e.g. <c>product_replica</c>, <c>catalog_item</c>, <c>order_line</c>.</summary>
    public const string ResourceType = "resource.type";

    /// <summary>The deletion kind: one of <see cref="DeletionKinds"/>.</summary>
    public const string DeletionKind = "deletion.kind";

    /// <summary>Why a deletion failed: <c>refused</c> (a check or rule said no), <c>not_found</c>, <c>conflict</c>, <c>error</c>.</summary>
    public const string FailureReason = "reason";

    /// <summary>The confirming consumer, on per-consumer figures.</summary>
    public const string Consumer = "consumer";
}
