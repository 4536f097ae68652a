namespace ProductCatalogOrders.Benchmarks;

/// <summary>The command line, and how long each stage runs: the full run, or a few seconds a stage with <c>--quick</c>.</summary>
public sealed record BenchmarkOptions
{
    public const string Usage = "usage: dotnet run -c Release --project tests/Benchmarks -- [--quick] [--out FILE.json] [--no-build]\n"
        + "       dotnet run -c Release --project tests/Benchmarks -- --cpu-at-rate RATE [--seconds S] [--repeat N] [--no-build]\n"
        + "       dotnet run -c Release --project tests/Benchmarks -- --compare-with OTHER-CHECKOUT [--rounds N] [--orders-only] [--quick] [--no-build]\n"
        + "       any of them with --set KEY=VALUE (repeatable): a setting for every service, e.g. --set Messaging:PrefetchCount=128";

    /// <summary><c>--set KEY=VALUE</c>: settings given to every service, to compare configurations (printed when the run starts).</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings { get; init; } = new Dictionary<string, string>();

    public bool Quick { get; init; }

    public string OutputFile { get; init; } = Path.Combine("benchmark-results", "benchmark.json");

    /// <summary>Skip building the services (they must already be built in Release).</summary>
    public bool NoBuild { get; init; }

    /// <summary>
    /// With <c>--cpu-at-rate</c>: only the fixed-rate stage at this rate, repeated, printing each
    /// process's CPU milliseconds per decommission. CPU time per request, unlike a rate, holds up on
    /// a machine shared with other work.
    /// </summary>
    public double? CpuAtRate { get; init; }

    /// <summary>
    /// <c>--compare-with</c>: the root of another checkout of the repository (an earlier commit in a
    /// worktree); its services are built and measured beside this checkout's, against the same raw broker.
    /// </summary>
    public string? CompareWith { get; init; }

    /// <summary><c>--rounds</c>: how many times each build is measured when comparing, alternating which goes first.</summary>
    public int CompareRounds { get; init; } = 2;

    /// <summary><c>--orders-only</c>: when comparing, only the order placement stages, after a warm-up of the same calls (a minute or two a round instead of ten).</summary>
    public bool OrdersOnly { get; init; }

    public TimeSpan CpuStageDuration { get; init; } = TimeSpan.FromSeconds(10);

    public int CpuRepeats { get; init; } = 3;

    public double[] OfferedRates { get; init; } = [50, 200, 500, 1000];

    public TimeSpan RateStageDuration => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(30);

    public TimeSpan ProbeDuration => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);

    public int Probes => Quick ? 2 : 5;

    public int RawRoundTrips => Quick ? 300 : 2_000;

    public int RawMessages(int confirmsInFlight) => (Quick ? 300 : 3_000) * (confirmsInFlight > 1 ? 10 : 1);

    /// <summary>
    /// The warm-up is long enough for tiered compilation to settle: the fresh-outbox stage runs first,
    /// and a cold start would otherwise make history look cheaper than no history.
    /// </summary>
    public (int Warmup, int Count) Sequential => Quick ? (30, 30) : (200, 500);

    public (int Warmup, int Count) UntilDecommissioned => Quick ? (3, 20) : (20, 300);

    /// <summary>Published outbox rows kept for the history-independence stage; a quick run takes what it has.</summary>
    public long OutboxHistoryRows => Quick ? 0 : 20_000;

    public TimeSpan OrderStageDuration => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);

    public static BenchmarkOptions? Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--no-build":
                    options = options with { NoBuild = true };
                    break;
                case "--cpu-at-rate" when i + 1 < args.Length && Positive(args[i + 1]) is { } rate:
                    options = options with { CpuAtRate = rate };
                    i++;
                    break;
                case "--compare-with" when i + 1 < args.Length:
                    options = options with { CompareWith = Path.GetFullPath(args[++i]) };
                    break;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], out var rounds) && rounds > 0:
                    options = options with { CompareRounds = rounds };
                    i++;
                    break;
                case "--orders-only":
                    options = options with { OrdersOnly = true };
                    break;
                case "--seconds" when i + 1 < args.Length && Positive(args[i + 1]) is { } seconds:
                    options = options with { CpuStageDuration = TimeSpan.FromSeconds(seconds) };
                    i++;
                    break;
                case "--repeat" when i + 1 < args.Length && int.TryParse(args[i + 1], out var repeats) && repeats > 0:
                    options = options with { CpuRepeats = repeats };
                    i++;
                    break;
                case "--set" when i + 1 < args.Length && args[i + 1].IndexOf('=', StringComparison.Ordinal) is > 0 and var equals:
                    options = options with
                    {
                        ServiceSettings = new Dictionary<string, string>(options.ServiceSettings) { [args[i + 1][..equals]] = args[i + 1][(equals + 1)..] },
                    };
                    i++;
                    break;
                case "--out" when i + 1 < args.Length && args[i + 1].EndsWith(".json", StringComparison.OrdinalIgnoreCase):
                    options = options with { OutputFile = args[++i] };
                    break;
                default:
                    return null;
            }
        }

        // Only a comparison has an order-placement-only form.
        return options.OrdersOnly && options.CompareWith is null ? null : options;
    }

    private static double? Positive(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
