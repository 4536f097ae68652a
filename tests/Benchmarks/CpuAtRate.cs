namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// <c>--cpu-at-rate</c>: the fixed-rate stage alone, repeated, and each process's CPU milliseconds per
/// decommission (from the kernel's accounting, until both caches applied every decommission and
/// ProductService recorded both confirmations of each). Made for comparing two builds on a machine
/// other work shares: a rate or a latency moves with the neighbours, CPU time per request much less.
/// Run two builds alternately, a few times each, and compare medians.
/// </summary>
public static class CpuAtRate
{
    /// <summary>
    /// With <c>--compare-with</c>: both builds, <see cref="BenchmarkOptions.CompareRounds"/> times each,
    /// alternating which goes first, each on fresh data; then the median of each build's net figures.
    /// </summary>
    public static async Task CompareAsync(
        string thisRoot,
        string otherRoot,
        Func<string, Task<BenchmarkSystem>> start,
        Func<BenchmarkSystem, DecommissionStages> stagesOf,
        double rate,
        BenchmarkOptions options,
        CancellationToken cancellationToken)
    {
        var builds = new[] { (Name: $"this ({CompareBuilds.Describe(thisRoot)})", Root: thisRoot), (Name: $"other ({CompareBuilds.Describe(otherRoot)})", Root: otherRoot) };
        var figures = builds.ToDictionary(b => b.Name, _ => new List<IReadOnlyDictionary<string, double?>>());
        for (var round = 1; round <= options.CompareRounds; round++)
        {
            foreach (var (name, root) in round % 2 == 1 ? builds : builds.Reverse())
            {
                Console.WriteLine($"Round {round} of {options.CompareRounds}: {name}...");
                await using var system = await start(root);
                figures[name].Add(await RunAsync(stagesOf(system), rate, options with { CpuRepeats = 1 }, cancellationToken));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"CPU ms per decommission at {rate:0.#}/s, net of idle, one {options.CpuStageDuration.TotalSeconds:0.#} s stage per build per round; median over {options.CompareRounds} round(s):");
        foreach (var (name, _) in builds)
        {
            var runs = figures[name];
            var medians = runs[0].Keys.ToDictionary(process => process, process => Median(runs.Select(r => r[process])));
            Console.WriteLine($"CPU-COMPARE {name}: {Describe(medians)} (rounds: {string.Join(" | ", runs.Select(Describe))})");
        }
    }

    /// <summary>Runs the stage <see cref="BenchmarkOptions.CpuRepeats"/> times and returns the median net CPU per decommission of each process.</summary>
    public static async Task<IReadOnlyDictionary<string, double?>> RunAsync(DecommissionStages stages, double rate, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        // Not counted: the first calls pay for JIT compilation, connection pools and SQLite caches.
        Console.WriteLine("Warm-up (not counted)...");
        await stages.SequentialAsync(20, 20, cancellationToken);
        await stages.AtRateAsync(rate, TimeSpan.FromSeconds(Math.Max(3, options.CpuStageDuration.TotalSeconds / 2)), cancellationToken, untilConfirmed: true);

        var runs = new List<RateStage>();
        var windows = new List<double>();
        for (var i = 1; i <= options.CpuRepeats; i++)
        {
            var stage = await stages.AtRateAsync(rate, options.CpuStageDuration, cancellationToken, untilConfirmed: true);
            runs.Add(stage);
            windows.Add(stages.LastCpuWindow.TotalSeconds);
            Console.WriteLine($"CPU-RUN {i}: {Describe(stage.CpuMillisecondsPerDecommission)} over {windows[^1]:0.0} s | call p50/p99 {stage.Call.P50}/{stage.Call.P99} ms | both caches p50/p99 {stage.BothCaches.P50}/{stage.BothCaches.P99} ms");
        }

        // Measured last, after a pause, so no backlog of the runs is counted as background.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var idle = await stages.IdleCpuPerSecondAsync(TimeSpan.FromSeconds(10), cancellationToken);
        var nets = runs.Select((stage, i) => stage.CpuMillisecondsPerDecommission.ToDictionary(
            c => c.Key,
            c => c.Value is { } total && idle[c.Key] is { } background ? Math.Round(total - (background * windows[i] / stage.Decommissions), 3) : (double?)null)).ToList();
        var medians = runs[0].CpuMillisecondsPerDecommission.Keys.ToDictionary(
            process => process,
            process => Median(runs.Select(r => r.CpuMillisecondsPerDecommission[process])));
        Console.WriteLine($"CPU-MEDIAN of {runs.Count} at {rate:0.#}/s for {options.CpuStageDuration.TotalSeconds:0.#} s, ms per decommission: {Describe(medians)}");
        var netMedians = medians.Keys.ToDictionary(process => process, process => Median(nets.Select(n => n[process])));
        Console.WriteLine($"CPU-NET-MEDIAN (less idle CPU over each window): {Describe(netMedians)}");
        Console.WriteLine($"IDLE CPU ms per second: {Describe(idle)}");
        return netMedians;
    }

    private static double? Median(IEnumerable<double?> values)
    {
        var known = values.OfType<double>().Order().ToList();
        return known.Count == 0 ? null : known.Count % 2 == 1 ? known[known.Count / 2] : Math.Round((known[(known.Count / 2) - 1] + known[known.Count / 2]) / 2, 3);
    }

    private static string Describe(IReadOnlyDictionary<string, double?> figures) =>
        string.Join(", ", figures.Select(f => $"{f.Key}={(f.Value is { } v ? v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "n/a")}"));
}
