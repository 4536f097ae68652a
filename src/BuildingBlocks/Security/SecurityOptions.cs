namespace ProductCatalogOrders.BuildingBlocks.Security;

/// <summary>The <c>Security</c> section: what is open to whom, and the limits on what a caller may send or do.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>/metrics and /openapi without a token; null means "in Development only" (elsewhere they need <c>admin</c>).</summary>
    public bool? OperationalEndpointsAnonymous { get; set; }

    /// <summary>The largest JSON body accepted, in bytes, checked before the body is read (64 KiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    public DestructiveRateLimitOptions DestructiveRateLimit { get; set; } = new();
}

/// <summary>Per caller (the token's subject), a fixed window on decommission, restore, purge, DELETE and legal holds.</summary>
public sealed class DestructiveRateLimitOptions
{
    /// <summary>Enough for a person or an operator's script.</summary>
    public int PermitLimit { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Subjects that run load on purpose (the strategy lab, the benchmark, the fault suite), comma-separated:
    /// each gets <see cref="HighVolumePermitLimit"/> instead.
    /// </summary>
    public string HighVolumeClients { get; set; } = "";

    public int HighVolumePermitLimit { get; set; } = 100_000;

    public bool IsHighVolume(string subject) =>
        HighVolumeClients.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(subject, StringComparer.Ordinal);
}
