namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>Dispatcher and upkeep settings, bound from the <c>Outbox</c> configuration section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often to look for pending rows when no commit has signalled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claimed row belongs to one dispatcher before another may take it over. Short, and
    /// renewed while the batch runs, so the rows of a dispatcher that died go out within about
    /// <see cref="Lease"/> plus <see cref="PollInterval"/>.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one publish may wait for the broker's confirmation.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Rows claimed at once; every row of a batch is in flight to the broker at the same time.</summary>
    public int BatchSize { get; set; } = 200;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long dispatched rows are kept before the pruner deletes them.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the pruner looks for dispatched rows past <see cref="Retention"/>.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows deleted per statement, so pruning never holds the store for long.</summary>
    public int PruneBatchSize { get; set; } = 500;

    /// <summary>How often a running batch renews its lease.</summary>
    public TimeSpan LeaseRenewalInterval => Lease / 4;

    /// <summary>Exponential back-off, capped: attempt 1 waits <see cref="FirstRetryDelay"/>.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var delay = FirstRetryDelay.TotalMilliseconds * Math.Pow(2, exponent);
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxRetryDelay.TotalMilliseconds));
    }
}
