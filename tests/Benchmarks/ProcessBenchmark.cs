using System.Runtime.InteropServices;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// The whole benchmark in one run: the raw broker first, then the three services as real processes
/// (Release builds, the local profile's configuration, fresh SQLite files, a throw-away virtual host)
/// through every stage, each figure reported beside its ratio to the raw broker of the same run.
/// </summary>
public static class ProcessBenchmark
{
    private const string Client = "benchmark";

    public static async Task<int> RunAsync(string[] args)
    {
        if (BenchmarkOptions.Parse(args) is not { } options)
        {
            Console.Error.WriteLine(BenchmarkOptions.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(options.Quick ? 10 : 90));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var token = cancel.Token;
        var startedAt = DateTimeOffset.UtcNow;
        var root = ServiceBuild.RepositoryRoot();
        if (!options.NoBuild)
        {
            Console.WriteLine("Building ProductService, CatalogService and OrderService in Release...");
            await ServiceBuild.BuildAsync(root, token);
        }

        if (options.CompareWith is { } other)
        {
            if (!File.Exists(Path.Combine(other, "ProductCatalogOrders.Local.slnf")))
            {
                Console.Error.WriteLine($"--compare-with {other}: not a checkout of this repository (no ProductCatalogOrders.Local.slnf there).");
                return 2;
            }

            if (!options.NoBuild)
            {
                Console.WriteLine($"Building the services of {other} in Release...");
                await ServiceBuild.BuildAsync(other, token);
            }
        }

        // A configured broker is used as it is; on the local broker the run gets a virtual host of its own.
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__messaging");
        await using var virtualHost = configured is null ? await ThrowawayVirtualHost.TryCreateAsync("bench") : null;
        if (configured is null && virtualHost is null)
        {
            Console.Error.WriteLine("Could not create a RabbitMQ virtual host with rabbitmqctl; set ConnectionStrings__messaging to a broker URI to run on.");
            return 1;
        }

        var broker = new Uri(configured ?? virtualHost!.Uri.ToString());
        var brokerPid = ProcessSample.FindBroker();
        Func<double?> brokerCpu = () => brokerPid is { } pid ? ProcessSample.Read(pid).CpuMilliseconds : null;
        var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, broker {broker.Host}:{broker.Port}"
            + (brokerPid is null ? " (no local beam.smp: broker CPU not measured)" : "");

        var measuresRawFirst = options.CpuAtRate is null && options.CompareWith is null;
        if (measuresRawFirst)
        {
            Console.WriteLine($"Raw broker on {broker.Host}:{broker.Port}: round trip, then throughput...");
        }

        var raw = measuresRawFirst ? await MeasureRawAsync(broker, options, brokerCpu, token) : null;

        var data = Path.Combine(Path.GetTempPath(), $"pco-bench-{Guid.NewGuid():N}");
        // The services require bearer tokens: the benchmark mints its own with a key of its own, tells
        // every service to trust that key, and raises the destructive-operation rate limit for its
        // subject alone, so the limit ordinary callers get is not what it measures.
        var issuer = LocalTokenIssuer.WithNewKey();
        var bearer = issuer.Mint(Client, Scopes.Staff, name: "Benchmark", lifetime: TimeSpan.FromHours(4));
        var environment = issuer.ServiceSettings().ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment[StrategyLabSettings.HighVolumeClientsSetting.Replace(":", "__", StringComparison.Ordinal)] = Client;
        Console.WriteLine($"Client '{Client}' with every staff scope; its rate limit is raised ({StrategyLabSettings.HighVolumeClientsSetting}={Client}).");
        using var clients = new BenchmarkHttpClients(_ => ValueTask.FromResult<string?>(bearer)) { ServiceEnvironment = environment };
        var settings = new Dictionary<string, string?>(clients.ServiceEnvironment);
        foreach (var (key, value) in BenchmarkSystem.HoldDeletingStep)
        {
            settings[key] = value;
        }

        // The consumers' scheduled reconciliation walks ProductService's whole snapshot once a minute
        // after start and then every 15 minutes: it would land in one stage or another at random and
        // weigh on that stage's figures alone. Its own cost is what the reconciliation benchmark measures.
        settings["Reconciliation__Interval"] = "00:00:00";
        Console.WriteLine("Scheduled reconciliation is off for the run (Reconciliation:Interval=00:00:00); `-- reconciliation` measures it.");

        foreach (var (key, value) in options.ServiceSettings)
        {
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            Console.WriteLine($"Every service runs with {key}={value}.");
        }

        BenchmarkResult result;
        try
        {
            if (options.CompareWith is { } otherRoot)
            {
                // Each build of each round on fresh data of its own.
                Console.WriteLine(machine);
                var round = 0;
                Func<string, Task<BenchmarkSystem>> start = async buildRoot =>
                    await BenchmarkSystem.StartAsync(buildRoot, broker, Path.Combine(data, $"run-{++round}"), settings, token);
                Func<BenchmarkSystem, DecommissionStages> stagesOf = system => new DecommissionStages(system, clients, brokerCpu);
                await (options.CpuAtRate is { } compareRate
                    ? CpuAtRate.CompareAsync(root, otherRoot, start, stagesOf, compareRate, options, token)
                    : CompareBuilds.RunAsync(root, otherRoot, start, stagesOf, cancellationToken => MeasureRawAsync(broker, options, brokerCpu, cancellationToken), brokerCpu, options, token));
                return 0;
            }

            Console.WriteLine($"Starting Catalog, Order and Product as processes (data and logs in {data})...");
            await using (var system = await BenchmarkSystem.StartAsync(root, broker, data, settings, token))
            {
                if (options.CpuAtRate is { } cpuRate)
                {
                    await CpuAtRate.RunAsync(new DecommissionStages(system, clients, brokerCpu), cpuRate, options, token);
                    return 0;
                }

                result = await RunStagesAsync(system, clients, options, raw!, brokerCpu, machine, startedAt, token);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        var report = new BenchmarkReport(result);
        Console.WriteLine();
        Console.WriteLine(report.Markdown());
        var output = Path.GetFullPath(options.OutputFile);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, report.Json(), CancellationToken.None);
        Console.WriteLine($"JSON: {output}");
        return 0;
    }

    private static async Task<RawBaseline> MeasureRawAsync(Uri broker, BenchmarkOptions options, Func<double?> brokerCpu, CancellationToken token)
    {
        // Not counted: the first messages pay for JIT compilation and connection set-up, which would
        // make whichever configuration runs first look slowest.
        await RawBrokerRoundTrip.MeasureAsync(broker, 100, payloadBytes: 1024, token);
        await RawBrokerThroughput.MeasureAsync(broker, 2, 100, options.RawMessages(100) / 3, 1024, brokerCpu, token);

        var roundTrip = LatencySummary.Of(await RawBrokerRoundTrip.MeasureAsync(broker, options.RawRoundTrips, payloadBytes: 1024, token), "raw round trip");
        var throughput = new List<RawThroughput>();
        foreach (var queues in new[] { 1, 2 })
        {
            foreach (var inFlight in new[] { 1, 100 })
            {
                var measured = await RawBrokerThroughput.MeasureAsync(broker, queues, inFlight, options.RawMessages(inFlight), 1024, brokerCpu, token);
                Console.WriteLine($"  {queues} queue(s), {inFlight} in flight: {measured.PerSecond}/s");
                throughput.Add(measured);
            }
        }

        return new RawBaseline(roundTrip, throughput);
    }

    private static async Task<BenchmarkResult> RunStagesAsync(
        BenchmarkSystem system, BenchmarkHttpClients clients, BenchmarkOptions options, RawBaseline raw, Func<double?> brokerCpu, string machine, DateTimeOffset startedAt, CancellationToken token)
    {
        var stages = new DecommissionStages(system, clients, brokerCpu);

        Console.WriteLine("Sequential decommissions, fresh outbox...");
        var (warmup, count) = options.Sequential;
        var fresh = await stages.SequentialAsync(warmup, count, token);

        Console.WriteLine("Fixed offered rates (open loop)...");
        var fixedRates = new List<RateStage>();
        foreach (var rate in options.OfferedRates)
        {
            fixedRates.Add(await stages.AtRateAsync(rate, options.RateStageDuration, token));
        }

        Console.WriteLine("Maximum sustained rate (bisection between the fixed rates)...");
        var sustained = await MaximumSustainedAsync(stages, fixedRates, options, token);

        Console.WriteLine("Sequential decommissions with the outbox history kept...");
        var history = await stages.GrowOutboxHistoryAsync(options.OutboxHistoryRows, token);
        Console.WriteLine($"  {history} published outbox rows kept");
        var withHistory = await stages.SequentialAsync(warmup, count, token);

        Console.WriteLine("Decommission -> Decommissioned (ProductService restarted with the shipped consumer list)...");
        await system.Product.RestartAsync(BenchmarkSystem.ShippedConsumers, cancellationToken: token);
        var (completionWarmup, completionCount) = options.UntilDecommissioned;
        var decommissioned = await stages.UntilDecommissionedAsync(completionWarmup, completionCount, token);

        Console.WriteLine("Order placement...");
        var products = await stages.SeedAsync(32, token);
        var orders = new List<OrderStage>();
        foreach (var concurrency in new[] { 1, 16 })
        {
            orders.Add(await OrderPlacement.RunAsync(stages.Orders, products, concurrency, options.OrderStageDuration, token));
        }

        return new BenchmarkResult(machine, options.Quick, startedAt, raw, fresh, fixedRates, sustained, withHistory, decommissioned, orders, stages.Memory());
    }

    /// <summary>Bisects between the highest fixed rate that kept up and the lowest that did not (or twice the highest offered).</summary>
    internal static async Task<SustainedRate> MaximumSustainedAsync(DecommissionStages stages, IReadOnlyList<RateStage> fixedRates, BenchmarkOptions options, CancellationToken token)
    {
        var low = fixedRates.Where(s => s.KeptUp).Select(s => s.OfferedPerSecond).DefaultIfEmpty(0).Max();
        var high = fixedRates.Where(s => !s.KeptUp && s.OfferedPerSecond > low).Select(s => s.OfferedPerSecond).DefaultIfEmpty(2 * fixedRates.Max(s => s.OfferedPerSecond)).Min();
        var probes = new List<RateStage>();
        for (var i = 0; i < options.Probes && high - low > Math.Max(5, low * 0.05); i++)
        {
            var rate = Math.Round((low + high) / 2);
            var probe = await stages.AtRateAsync(rate, options.ProbeDuration, token);
            probes.Add(probe);
            (low, high) = probe.KeptUp ? (rate, high) : (low, rate);
        }

        return new SustainedRate(low, probes);
    }
}
