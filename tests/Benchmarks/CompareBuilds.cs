using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// <c>--compare-with DIR</c>: this checkout's services against another checkout's (an earlier
/// commit in a worktree, say), in one run. Each round measures the raw broker once and then both
/// builds, one after the other, each on fresh data; the order of the builds alternates between
/// rounds so neither always runs on a warmer or quieter machine. Every figure is given for both
/// builds with its ratio to the raw broker of its own round (after the raw stages the run waits for
/// the broker and the disk to settle, see <see cref="BrokerSettle"/>), and the table reports the median
/// over the rounds and the ratio between the builds. Both builds are driven by this checkout's
/// stages and tokens; a build without authentication ignores the token.
/// </summary>
public static class CompareBuilds
{
    private static readonly double[] Rates = [200, 1000];

    public static async Task RunAsync(
        string thisRoot,
        string otherRoot,
        Func<string, Task<BenchmarkSystem>> start,
        Func<BenchmarkSystem, DecommissionStages> stagesOf,
        Func<CancellationToken, Task<RawBaseline>> measureRaw,
        Func<double?> brokerCpuMilliseconds,
        BenchmarkOptions options,
        CancellationToken cancellationToken)
    {
        var builds = new[] { (Name: $"this ({Describe(thisRoot)})", Root: thisRoot), (Name: $"other ({Describe(otherRoot)})", Root: otherRoot) };
        var rounds = new List<(RawBaseline Raw, Dictionary<string, Figures> ByBuild)>();
        for (var round = 1; round <= options.CompareRounds; round++)
        {
            Console.WriteLine($"Round {round} of {options.CompareRounds}: the raw broker...");
            var raw = await measureRaw(cancellationToken);
            Console.WriteLine($"  raw fan-out {raw.FanOut.PerSecond}/s, round trip p50/p99 {raw.RoundTrip.P50}/{raw.RoundTrip.P99} ms");
            await BrokerSettle.WaitAsync(brokerCpuMilliseconds, cancellationToken);
            var byBuild = new Dictionary<string, Figures>();
            var order = round % 2 == 1 ? builds : builds.Reverse().ToArray();
            foreach (var (name, root) in order)
            {
                Console.WriteLine($"Round {round}: {name}...");
                await using var system = await start(root);
                byBuild[name] = await MeasureAsync(stagesOf(system), options, cancellationToken);
            }

            rounds.Add((raw, byBuild));
        }

        Console.WriteLine();
        Console.WriteLine(Table(builds[0].Name, builds[1].Name, rounds, options));
    }

    private static async Task<Figures> MeasureAsync(DecommissionStages stages, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        LatencySummary? sequential = null;
        var rates = new List<RateStage>();
        double? sustained = null;
        if (!options.OrdersOnly)
        {
            var (warmup, count) = options.Sequential;
            sequential = (await stages.SequentialAsync(warmup, count, cancellationToken)).BothCaches;
            foreach (var rate in Rates)
            {
                rates.Add(await stages.AtRateAsync(rate, options.RateStageDuration, cancellationToken));
            }

            sustained = (await ProcessBenchmark.MaximumSustainedAsync(stages, rates, options, cancellationToken)).PerSecond;

            // The probes above the sustained rate leave confirmations queued for ProductService: orders
            // measured while it drains them would measure the drain.
            await stages.ConfirmationsSettledAsync(cancellationToken);
        }

        var products = await stages.SeedAsync(32, cancellationToken);
        if (options.OrdersOnly)
        {
            // Without the decommission stages before it, the first stage would run on code the JIT has
            // not optimised yet: warm up with the same calls, and discard them.
            await OrderPlacement.RunAsync(stages.Orders, products, 4, options.OrderStageDuration, cancellationToken);
        }

        var orders = new List<OrderStage>();
        foreach (var concurrency in new[] { 1, 16 })
        {
            orders.Add(await OrderPlacement.RunAsync(stages.Orders, products, concurrency, options.OrderStageDuration, cancellationToken));
        }

        return new Figures(sequential, rates, sustained, orders);
    }

    private static string Table(string thisName, string otherName, List<(RawBaseline Raw, Dictionary<string, Figures> ByBuild)> rounds, BenchmarkOptions options)
    {
        // Each row: a figure, whether more is better, and how to read it from one build's figures.
        var rows = new List<(string Name, bool Rate, Func<Figures, double> Read)>
        {
            ("orders/s at concurrency 1", true, f => f.Orders[0].PerSecond),
            ("orders/s at concurrency 16", true, f => f.Orders[1].PerSecond),
        };
        if (!options.OrdersOnly)
        {
            rows.Insert(0, ("maximum sustained decommissions/s (both caches keeping up)", true, f => f.Sustained!.Value));
            rows.Add(("sequential decommission -> both caches p50 ms", false, f => f.Sequential!.P50));
            rows.Add(("sequential decommission -> both caches p99 ms", false, f => f.Sequential!.P99));
            for (var i = 0; i < Rates.Length; i++)
            {
                var index = i;
                rows.Add(($"@ {Rates[i]:0}/s decommission call p99 ms", false, f => f.Rates[index].Call.P99));
                rows.Add(($"@ {Rates[i]:0}/s decommission -> both caches p50 ms", false, f => f.Rates[index].BothCaches.P50));
                rows.Add(($"@ {Rates[i]:0}/s decommission -> both caches p99 ms", false, f => f.Rates[index].BothCaches.P99));
                rows.Add(($"@ {Rates[i]:0}/s ProductService CPU ms per decommission", false, f => f.Rates[index].CpuMillisecondsPerDecommission.GetValueOrDefault("ProductService") ?? double.NaN));
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Builds compared in one run, {rounds.Count} round(s), {(options.Quick ? "quick stages" : "full stages")}{(options.OrdersOnly ? ", order placement only" : "")}; raw fan-out per round: {string.Join(", ", rounds.Select(r => $"{r.Raw.FanOut.PerSecond}/s"))}; raw round trip p50 per round: {string.Join(", ", rounds.Select(r => $"{r.Raw.RoundTrip.P50} ms"))}.");
        text.AppendLine("Ratios: a rate to the raw 2-queue fan-out rate of its round; a latency to the raw round trip p50 or p99 of its round; CPU in milliseconds, without a ratio. Median over the rounds.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| figure | {thisName} per round | {otherName} per round | this median (x raw) | other median (x raw) | this / other |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var (name, rate, read) in rows)
        {
            double Ratio(RawBaseline raw, double value) =>
                name.Contains("CPU", StringComparison.Ordinal) ? value
                : rate ? value / raw.FanOut.PerSecond
                : value / (name.EndsWith("p50 ms", StringComparison.Ordinal) ? raw.RoundTrip.P50 : raw.RoundTrip.P99);

            var mine = rounds.Select(r => read(r.ByBuild[thisName])).ToList();
            var theirs = rounds.Select(r => read(r.ByBuild[otherName])).ToList();
            var mineRatio = Median(rounds.Select(r => Ratio(r.Raw, read(r.ByBuild[thisName]))));
            var theirRatio = Median(rounds.Select(r => Ratio(r.Raw, read(r.ByBuild[otherName]))));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {string.Join(" / ", mine.Select(Format))} | {string.Join(" / ", theirs.Select(Format))} | {Format(Median(mine))}{ToRaw(mineRatio)} | {Format(Median(theirs))}{ToRaw(theirRatio)} | {Format(mineRatio / theirRatio)} |");

            // CPU has no raw-broker counterpart in this table: its median stands alone.
            string ToRaw(double ratio) => name.Contains("CPU", StringComparison.Ordinal) ? "" : $" (x{Format(ratio)})";
        }

        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "n/a"
        : Math.Abs(value) >= 100 ? value.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 0.01 ? value.ToString("0.###", CultureInfo.InvariantCulture)
        : value.ToString("0.#####", CultureInfo.InvariantCulture);

    /// <summary>The checkout's commit, and whether it has changes not committed, so the table says what it compared.</summary>
    public static string Describe(string root)
    {
        static string Git(string root, params string[] arguments)
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            try
            {
                using var git = Process.Start(start)!;
                var output = git.StandardOutput.ReadToEnd().Trim();
                git.WaitForExit();
                return git.ExitCode == 0 ? output : "";
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "";
            }
        }

        var commit = Git(root, "rev-parse", "--short", "HEAD");
        var dirty = Git(root, "status", "--porcelain", "--untracked-files=no", "--", "src").Length > 0;
        return commit.Length == 0 ? Path.GetFileName(root) : dirty ? $"{commit} with changes in src" : commit;
    }

    /// <summary>One build's figures in one round; the decommission figures are null with <c>--orders-only</c>.</summary>
    private sealed record Figures(LatencySummary? Sequential, IReadOnlyList<RateStage> Rates, double? Sustained, IReadOnlyList<OrderStage> Orders);
}
