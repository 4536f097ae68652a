namespace ProductCatalogOrders.BuildingBlocks.Telemetry;

/// <summary>The values of the <c>reason</c> attribute on <c>pco.deletion.failures</c>.</summary>
public static class FailureReasons
{
    /// <summary>A rule or check said no: outside a window, a failed deletion check, a wrong status.</summary>
    public const string Refused = "refused";

    public const string NotFound = "not_found";

    /// <summary>Lost a race with a concurrent change.</summary>
    public const string Conflict = "conflict";

    /// <summary>Something broke: a dependency down, an unexpected exception.</summary>
    public const string Error = "error";
}
