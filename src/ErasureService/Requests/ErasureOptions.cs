namespace ProductCatalogOrders.ErasureService.Requests;

/// <summary>The <c>Erasure</c> section.</summary>
public sealed class ErasureOptions
{
    public const string Section = "Erasure";

    /// <summary>The services whose inventories are read, by service-discovery name; a service that declares nothing is no target.</summary>
    public string Services { get; set; } = "productservice,catalogservice,orderservice";

    /// <summary>A request open longer than this is overdue.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Attempts per target before it is Failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after a failed attempt, doubling up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an asynchronous target has to confirm before it is asked again.</summary>
    public TimeSpan ConfirmationTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a Blocked request's checks are evaluated again.</summary>
    public TimeSpan BlockedRecheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the processor looks for due work when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests the processor moves on per pass, oldest first; when a pass is full, the next follows at once.</summary>
    public int BatchSize { get; set; } = 100;

    public IReadOnlyList<string> ServiceAddresses =>
        Services.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
