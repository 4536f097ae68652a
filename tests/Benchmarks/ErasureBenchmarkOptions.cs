using System.Globalization;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>The erasure benchmark's command line: how many erasures a stage measures, and how many run at once under load.</summary>
public sealed record ErasureBenchmarkOptions
{
    public const int MinimumCount = 100;

    public const string Usage = "usage: dotnet run -c Release --project tests/Benchmarks -- erasure [--count N] [--concurrency C] [--quick] [--no-build] [--keep-data] [--set KEY=VALUE]...\n"
        + "       --count: erasures measured per stage (default 200, at least 100); --concurrency: erasures in flight under load (default 16);\n"
        + "       --quick: 20 erasures a stage, to check that the benchmark works (its figures mean nothing); --set: a setting for every service;\n"
        + "       --keep-data: leave the stores and the services' logs in the temporary folder the run prints";

    /// <summary>Erasures measured in each stage (one at a time, and under load); each stage has customers of its own.</summary>
    public int Count { get; init; } = 200;

    public int Concurrency { get; init; } = 16;

    public bool Quick { get; init; }

    public bool NoBuild { get; init; }

    /// <summary>Leave the data folder (stores and logs) behind, to read what the services did.</summary>
    public bool KeepData { get; init; }

    /// <summary><c>--set KEY=VALUE</c>: settings given to every service (printed when the run starts).</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Erasures before the first stage that are not counted: the first calls pay for JIT compilation and connections.</summary>
    public int Warmup => Quick ? 3 : 10;

    /// <summary>How often the benchmark asks for a request's ledger while it waits. The latencies end at the ledger's own timestamps, not at the poll.</summary>
    public TimeSpan PollEvery { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>An erasure not Verified (or Failed) within this is reported as stuck, with the state it was in.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromMinutes(2);

    public static ErasureBenchmarkOptions? Parse(string[] args)
    {
        var options = new ErasureBenchmarkOptions();
        var countGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0:
                    options = options with { Count = count };
                    countGiven = true;
                    i++;
                    break;
                case "--concurrency" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var concurrency) && concurrency > 1:
                    options = options with { Concurrency = concurrency };
                    i++;
                    break;
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--no-build":
                    options = options with { NoBuild = true };
                    break;
                case "--keep-data":
                    options = options with { KeepData = true };
                    break;
                case "--set" when i + 1 < args.Length && args[i + 1].IndexOf('=', StringComparison.Ordinal) is > 0 and var equals:
                    options = options with
                    {
                        ServiceSettings = new Dictionary<string, string>(options.ServiceSettings) { [args[i + 1][..equals]] = args[i + 1][(equals + 1)..] },
                    };
                    i++;
                    break;
                default:
                    return null;
            }
        }

        if (options.Quick && !countGiven)
        {
            options = options with { Count = 20 };
        }

        // A p99 over fewer than 100 samples is the maximum under another name.
        return options.Count >= MinimumCount || options.Quick ? options : null;
    }
}
