using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.ErasureService.Requests;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// The time from an erasure request to <c>Verified</c>: the four services as real processes (Release
/// builds, the local profile's configuration as <c>eng/run.sh</c> sets it, fresh SQLite files, a
/// throw-away virtual host), customers with closed orders and a review seeded through the APIs, then
/// each customer erased, first one at a time, then <c>--concurrency</c> at a time.
/// <c>dotnet run -c Release --project tests/Benchmarks -- erasure [--count N] [--concurrency C] [--no-build]</c>
/// </summary>
public static class ErasureBenchmark
{
    private const string Client = "benchmark";

    public static async Task<int> RunAsync(string[] args)
    {
        if (ErasureBenchmarkOptions.Parse(args) is not { } options)
        {
            Console.Error.WriteLine(ErasureBenchmarkOptions.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(60));
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
            Console.WriteLine("Building ProductService, CatalogService, OrderService and ErasureService in Release...");
            await ServiceBuild.BuildAsync(root, ServiceBuild.WithErasure, token);
        }

        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__messaging");
        await using var virtualHost = configured is null ? await ThrowawayVirtualHost.TryCreateAsync("erase") : null;
        if (configured is null && virtualHost is null)
        {
            Console.Error.WriteLine("Could not create a RabbitMQ virtual host with rabbitmqctl; set ConnectionStrings__messaging to a broker URI to run on.");
            return 1;
        }

        var broker = new Uri(configured ?? virtualHost!.Uri.ToString());
        var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, broker {broker.Host}:{broker.Port}, load average {LoadAverage()} at the start";

        var issuer = LocalTokenIssuer.WithNewKey();
        var bearer = issuer.Mint(Client, Scopes.Staff, name: "Benchmark", lifetime: TimeSpan.FromHours(4));
        var environment = issuer.ServiceSettings().ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment[StrategyLabSettings.HighVolumeClientsSetting.Replace(":", "__", StringComparison.Ordinal)] = Client;
        Console.WriteLine($"Client '{Client}' with every staff scope; its rate limit is raised ({StrategyLabSettings.HighVolumeClientsSetting}={Client}).");
        using var clients = new BenchmarkHttpClients(_ => ValueTask.FromResult<string?>(bearer)) { ServiceEnvironment = environment };
        var settings = new Dictionary<string, string?>(clients.ServiceEnvironment);
        foreach (var (key, value) in options.ServiceSettings)
        {
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            Console.WriteLine($"Every service runs with {key}={value}.");
        }

        var effective = EffectiveSettings(options);
        Console.WriteLine($"Settings: {string.Join(", ", effective.Select(s => $"{s.Key}={s.Value}"))}");

        var data = Path.Combine(Path.GetTempPath(), $"pco-erasure-bench-{Guid.NewGuid():N}");
        var stages = new List<ErasureStage>();
        try
        {
            Console.WriteLine($"Starting Product, Catalog, Order and Erasure as processes (data and logs in {data})...");
            await using var system = await BenchmarkSystem.StartAsync(root, broker, data, settings, token, withErasure: true);
            var erasures = new ErasureStages(system, clients, options);

            var products = await new DecommissionStages(system, clients, () => null).SeedAsync(8, token);
            var customers = await erasures.SeedCustomersAsync(products, options.Warmup + (2 * options.Count), token);
            Console.WriteLine($"Seeded {customers.Length} customers, each with {ErasureStages.OrdersPerCustomer} closed orders and {ErasureStages.ReviewsPerCustomer} review.");

            var warmup = await erasures.RunAsync("warm-up", customers[..options.Warmup], 1, token);
            Console.WriteLine($"Warm-up: {warmup.Verified} of {warmup.Requested} Verified (not counted).");
            Report(warmup.Problems);

            Console.WriteLine($"One at a time: {options.Count} erasures...");
            var sequential = await erasures.RunAsync("one at a time", customers[options.Warmup..(options.Warmup + options.Count)], 1, token);
            stages.Add(sequential);
            Print(sequential);

            Console.WriteLine($"Under load: {options.Count} erasures, {options.Concurrency} in flight...");
            var loaded = await erasures.RunAsync($"{options.Concurrency} in flight", customers[(options.Warmup + options.Count)..], options.Concurrency, token);
            stages.Add(loaded);
            Print(loaded);

            Console.WriteLine(
                "Working set at the end, MiB: "
                + string.Join(", ", system.Services.Select(s => $"{s.Name} {s.Sample().ResidentBytes / 1048576.0:0}")));
        }
        finally
        {
            try
            {
                if (!options.KeepData)
                {
                    Directory.Delete(data, recursive: true);
                }
            }
            catch (IOException)
            {
                // A SQLite file may still be held for a moment; the folder is in temp.
            }
        }

        Console.WriteLine();
        Console.WriteLine(Markdown(stages, effective, options, $"{machine}, {LoadAverage()} at the end", startedAt));
        var problems = stages.Sum(s => s.Problems.Count);
        if (problems > 0)
        {
            Console.Error.WriteLine($"{problems} erasure(s) did not end Verified as expected; see above.");
            return 1;
        }

        return 0;
    }

    /// <summary>The settings that decide the latencies: the shipped defaults unless <c>--set</c> changed them.</summary>
    private static Dictionary<string, string> EffectiveSettings(ErasureBenchmarkOptions options)
    {
        var erasure = new ErasureOptions();
        var outbox = new OutboxOptions();
        var defaults = new Dictionary<string, string>
        {
            ["Erasure:PollInterval"] = Text(erasure.PollInterval),
            ["Erasure:ConfirmationTimeout"] = Text(erasure.ConfirmationTimeout),
            ["Erasure:FirstRetryDelay"] = Text(erasure.FirstRetryDelay),
            ["Erasure:MaxAttempts"] = erasure.MaxAttempts.ToString(CultureInfo.InvariantCulture),
            ["Erasure:BlockedRecheckInterval"] = Text(erasure.BlockedRecheckInterval),
            ["Outbox:PollInterval"] = Text(outbox.PollInterval),
            ["benchmark ledger poll"] = $"{options.PollEvery.TotalMilliseconds:0} ms one at a time, {2 * options.PollEvery.TotalMilliseconds:0} ms under load",
            ["benchmark gives up after"] = Text(options.GiveUpAfter),
        };
        foreach (var (key, value) in options.ServiceSettings)
        {
            defaults[key] = value;
        }

        return defaults;
    }

    /// <summary>The 1, 5 and 15 minute load averages: on a shared machine, how busy it was with other work matters to the figures.</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string Text(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);

    private static void Print(ErasureStage stage)
    {
        Console.WriteLine(
            $"  {stage.Verified} of {stage.Requested} Verified in {stage.Seconds:0.0} s ({stage.VerifiedPerSecond:0.0}/s); request -> Verified {Latency(stage.RequestToVerified)} ms");
        foreach (var (target, latency) in stage.RequestToErased)
        {
            Console.WriteLine($"  request -> {target} Erased {Latency(latency)} ms");
        }

        Console.WriteLine($"  last Erased -> Verified {Latency(stage.ErasedToVerified)} ms");
        Report(stage.Problems);
    }

    private static void Report(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            Console.WriteLine($"  NOT VERIFIED: {problem}");
        }
    }

    private static string Latency(LatencySummary? latency) =>
        latency is null ? "n/a (none Verified)" : string.Create(CultureInfo.InvariantCulture, $"{latency.P50:0.0} / {latency.P99:0.0} / {latency.Max:0.0}");

    public static string Markdown(IReadOnlyList<ErasureStage> stages, IReadOnlyDictionary<string, string> settings, ErasureBenchmarkOptions options, string machine, DateTimeOffset startedAt)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Erasure benchmark{(options.Quick ? " (--quick: for smoke tests only)" : "")}, {startedAt:yyyy-MM-dd HH:mm} UTC; {machine}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Settings: {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}");
        text.AppendLine();
        text.AppendLine("| measurement | " + string.Join(" | ", stages.Select(s => s.Name)) + " |");
        text.AppendLine("|---|" + string.Concat(stages.Select(_ => "---:|")));
        void Row(string name, Func<ErasureStage, string> value) =>
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {string.Join(" | ", stages.Select(value))} |");

        Row("erasures Verified / requested", s => $"{s.Verified} / {s.Requested}");
        Row("**request → Verified**, p50 / p99 / max ms", s => Latency(s.RequestToVerified));
        Row("accepted (ledger CreatedAt) → Verified, p50 / p99 / max ms", s => Latency(s.AcceptedToVerified));
        Row("`POST /erasure-requests` call, p50 / p99 / max ms", s => Latency(s.Call));
        foreach (var target in stages.SelectMany(s => s.RequestToErased.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var how = target switch
            {
                "order" => " (checks, then the synchronous call)",
                "catalog" => " (event through the outbox and broker, confirmation back)",
                _ => "",
            };
            Row($"request → {target} Erased{how}, p50 / p99 / max ms", s => Latency(s.RequestToErased.GetValueOrDefault(target)));
        }

        Row("last Erased → Verified (verification calls), p50 / p99 / max ms", s => Latency(s.ErasedToVerified));
        Row("Verified erasures per second", s => s.VerifiedPerSecond.ToString("0.0", CultureInfo.InvariantCulture));
        foreach (var process in stages.SelectMany(s => s.CpuMillisecondsPerErasure.Keys).Distinct())
        {
            Row($"CPU ms per erasure, {process}", s => s.CpuMillisecondsPerErasure.TryGetValue(process, out var ms) ? ms.ToString("0.0", CultureInfo.InvariantCulture) : "n/a");
        }

        text.AppendLine();
        text.Append(
            "Request → Verified runs from the moment the benchmark sent the request to the request's CompletedAt on the ledger; "
            + "the other ends are the ledger's own timestamps (a target's ErasedAt), on the same machine clock. "
            + $"Each customer has {ErasureStages.OrdersPerCustomer} closed orders and {ErasureStages.ReviewsPerCustomer} review; a stage's customers are its own.");
        return text.ToString();
    }
}
