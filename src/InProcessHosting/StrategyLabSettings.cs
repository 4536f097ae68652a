using ProductCatalogOrders.BuildingBlocks.Strategies;

namespace ProductCatalogOrders.InProcessHosting;

/// <summary>
/// The settings that run a system under one strategy for measurement: the strategy itself, and
/// synchronous calls that fail within seconds instead of retrying for half a minute, so an outage
/// shows up as failed requests rather than as a stalled run.
/// </summary>
public static class StrategyLabSettings
{
    /// <summary>
    /// A consumer that never confirms keeps decommissioned products in their DELETING step, so a
    /// replica's apply time is the decommission's own and not overwritten by the completion that
    /// follows a few milliseconds later. Propagation measurements use it.
    /// </summary>
    public static readonly KeyValuePair<string, string?> HoldDeletingStep = new("Deletion:Consumers", "catalog,order,measurement-holds-deleting-step");

    /// <summary>
    /// Raises the per-caller limit on destructive operations for one subject: a load generator's own
    /// client (the lab, the benchmark, the fault suite), never anyone else's.
    /// </summary>
    public static KeyValuePair<string, string?> HighVolumeClient(string subject) => new(HighVolumeClientsSetting, subject);

    public const string HighVolumeClientsSetting = "Security:DestructiveRateLimit:HighVolumeClients";

    public static IReadOnlyDictionary<string, string?> For(DeletionStrategy strategy) => new Dictionary<string, string?>
    {
        ["Deletion:Strategy"] = strategy.ToString(),
        ["HttpResilience:Retry:MaxRetryAttempts"] = "1",
        ["HttpResilience:Retry:Delay"] = "00:00:00.050",
        ["HttpResilience:AttemptTimeout:Timeout"] = "00:00:02",
        ["HttpResilience:TotalRequestTimeout:Timeout"] = "00:00:05",
        ["HttpResilience:CircuitBreaker:SamplingDuration"] = "00:00:05",
    };
}
