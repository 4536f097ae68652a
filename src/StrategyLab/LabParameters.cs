using ProductCatalogOrders.BuildingBlocks.Strategies;

namespace ProductCatalogOrders.StrategyLab;

/// <summary>What one lab run does, from the command line.</summary>
public sealed record LabParameters(
    IReadOnlyList<DeletionStrategy> Strategies,
    string OutputDirectory,
    bool Quick,
    int Products,
    int SeedOrders,
    int Removals,
    TimeSpan Outage,
    double LoadPerSecond,
    TimeSpan LoadDuration)
{
    public const double DefaultLoadPerSecond = 200;

    public const string Usage =
        "usage: dotnet run --project src/StrategyLab -- [--quick] [--strategies JustDelete,SynchronousCoordination,JustDontDelete,AsynchronousUpdate] [--out DIR] [--load-rate PER_SECOND (default 200)]";

    /// <summary>Null, with the reason, when the arguments are not understood.</summary>
    public static (LabParameters? Parameters, string? Error) Parse(string[] args)
    {
        var strategies = Enum.GetValues<DeletionStrategy>().ToList();
        var output = "lab-results";
        var quick = false;
        var loadPerSecond = DefaultLoadPerSecond;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--strategies" when i + 1 < args.Length:
                    strategies = [];
                    foreach (var name in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!Enum.TryParse<DeletionStrategy>(name, ignoreCase: true, out var strategy) || !Enum.IsDefined(strategy))
                        {
                            return (null, $"unknown strategy '{name}'");
                        }

                        strategies.Add(strategy);
                    }

                    if (strategies.Count == 0)
                    {
                        return (null, "--strategies needs at least one strategy");
                    }

                    break;
                case "--load-rate" when i + 1 < args.Length:
                    if (!double.TryParse(args[++i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out loadPerSecond)
                        || !double.IsFinite(loadPerSecond) || loadPerSecond <= 0)
                    {
                        return (null, $"--load-rate needs a positive number of decommissions per second, not '{args[i]}'");
                    }

                    break;
                case "--out" when i + 1 < args.Length && args[i + 1].Length > 0:
                    output = args[++i];
                    break;
                default:
                    return (null, $"unexpected argument '{args[i]}'");
            }
        }

        return quick
            ? (new LabParameters(strategies.Distinct().ToList(), output, true, Products: 12, SeedOrders: 24, Removals: 4, Outage: TimeSpan.FromSeconds(4), loadPerSecond, LoadDuration: TimeSpan.FromSeconds(3)), null)
            : (new LabParameters(strategies.Distinct().ToList(), output, false, Products: 40, SeedOrders: 80, Removals: 10, Outage: TimeSpan.FromSeconds(10), loadPerSecond, LoadDuration: TimeSpan.FromSeconds(10)), null);
    }
}
