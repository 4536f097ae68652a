namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// One fixed offered rate: what was achieved, how long the calls took and how long both caches
/// took (from each call's scheduled moment), the outbox backlog when the calls were done, and the
/// CPU each process spent per decommission (milliseconds) and each service's resident memory (bytes).
/// </summary>
public sealed record RateStage(
    double OfferedPerSecond,
    double Seconds,
    int Decommissions,
    int FailedCalls,
    double AchievedPerSecond,
    double PropagatedPerSecond,
    LatencySummary Call,
    LatencySummary BothCaches,
    int NotPropagated,
    long OutboxBacklogAtEnd,
    double SecondsToCatchUpAfterEnd,
    IReadOnlyDictionary<string, double?> CpuMillisecondsPerDecommission,
    IReadOnlyDictionary<string, long> ResidentBytes)
{
    /// <summary>
    /// Kept up: every call accepted, at least 95 % of the offered rate achieved, and every
    /// decommission in both caches within one second of the end of the offered load (the backlog
    /// stayed bounded instead of growing with the stage).
    /// </summary>
    public bool KeptUp => FailedCalls == 0 && NotPropagated == 0 && AchievedPerSecond >= 0.95 * OfferedPerSecond && SecondsToCatchUpAfterEnd <= 1;
}

/// <summary>Sequential decommissions with the number of published outbox rows kept when they started.</summary>
public sealed record SequentialStage(long DispatchedOutboxRows, LatencySummary BothCaches);

/// <summary>Orders placed by a fixed number of concurrent callers, each placing its next as soon as the last is answered.</summary>
public sealed record OrderStage(int Concurrency, double Seconds, int Orders, double PerSecond, LatencySummary Latency);

/// <summary>The raw broker measured in the run: round trip with one message in flight, and throughput per configuration.</summary>
public sealed record RawBaseline(LatencySummary RoundTrip, IReadOnlyList<RawThroughput> Throughput)
{
    public RawThroughput FanOut => Throughput.Where(t => t.Queues == 2).MaxBy(t => t.ConfirmsInFlight)!;
}

/// <summary>The highest rate probed at which both caches kept up, and every probe.</summary>
public sealed record SustainedRate(double PerSecond, IReadOnlyList<RateStage> Probes);

public sealed record BenchmarkResult(
    string Machine,
    bool Quick,
    DateTimeOffset StartedAt,
    RawBaseline Raw,
    SequentialStage SequentialFreshOutbox,
    IReadOnlyList<RateStage> FixedRates,
    SustainedRate? MaximumSustained,
    SequentialStage? SequentialWithHistory,
    LatencySummary? DecommissionToDecommissioned,
    IReadOnlyList<OrderStage> OrderPlacement,
    IReadOnlyDictionary<string, long> ResidentBytesAtEnd);
