namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>The <c>Deletion:PurgeSweep</c> section. Off by default; the Aspire profile turns it on.</summary>
public sealed class PurgeSweepOptions
{
    public const string Section = "Deletion:PurgeSweep";

    public bool Enabled { get; set; }

    /// <summary>Time between the end of one sweep and the start of the next.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most this many candidates are looked at per sweep, oldest decommission first; the rest wait for the next.</summary>
    public int BatchSize { get; set; } = 10;
}
