using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// The decommission measurements on a running <see cref="BenchmarkSystem"/>. Every latency ends at a
/// timestamp a service stamped itself (a replica's AppliedAt, a product's DecommissionCompletedAt),
/// read from its SQLite file after the stage, so how the benchmark waits adds nothing to it.
/// </summary>
public sealed class DecommissionStages(BenchmarkSystem system, BenchmarkHttpClients clients, Func<double?> brokerCpuMilliseconds)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HttpClient _products = clients.For(system.Product.BaseAddress);
    private readonly HttpClient _catalog = clients.For(system.Catalog.BaseAddress);
    private readonly HttpClient _orders = clients.For(system.Order.BaseAddress);
    private int _seeded;

    public HttpClient Orders => _orders;

    /// <summary>How long the last fixed-rate stage's CPU was measured over: from its first call until it drained.</summary>
    public TimeSpan LastCpuWindow { get; private set; }

    /// <summary>Creates products (16 calls at a time) and waits until both caches hold them as Active.</summary>
    public async Task<Guid[]> SeedAsync(int count, CancellationToken cancellationToken)
    {
        var ids = new Guid[count];
        var next = -1;
        var first = Interlocked.Add(ref _seeded, count) - count;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var response = await _products.PostAsJsonAsync("/products", new { sku = $"BENCH-{first + i:D7}", name = $"Product {first + i}", price = 10m }, cancellationToken);
                await EnsureAsync(response, "POST /products");
                ids[i] = (await response.Content.ReadFromJsonAsync<Created>(Json, cancellationToken))!.Id;
            }
        }));

        var wanted = ids.ToHashSet();
        var waited = Stopwatch.StartNew();
        foreach (var (file, table) in StoreFiles.Caches(system))
        {
            while (true)
            {
                var active = await StoreFiles.AppliedAtAsync(file, table, "Active", cancellationToken);
                if (wanted.IsSubsetOf(active.Keys))
                {
                    break;
                }

                if (waited.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new TimeoutException($"{table} in {Path.GetFileName(file)} did not receive {count} created products within 10 minutes.");
                }

                await Task.Delay(250, cancellationToken);
            }
        }

        return ids;
    }

    /// <summary>
    /// Open loop: the i-th decommission is sent at start + i / rate whatever happened to the earlier
    /// ones, and its latencies count from that scheduled moment, so a slow system cannot hide its
    /// queueing by slowing the load down. With <paramref name="untilConfirmed"/>, the CPU is sampled
    /// only once ProductService has also recorded both confirmations of every decommission, so the
    /// figures hold the whole cost of a decommission in each process.
    /// </summary>
    public async Task<RateStage> AtRateAsync(double rate, TimeSpan duration, CancellationToken cancellationToken, bool untilConfirmed = false)
    {
        var count = Math.Max(1, (int)Math.Round(rate * duration.TotalSeconds));
        Console.WriteLine($"  {rate:0.#}/s for {duration.TotalSeconds:0.#} s: seeding {count} products...");
        var ids = await SeedAsync(count, cancellationToken);
        var appliedBefore = await AppliedDecommissionsAsync(cancellationToken);
        var confirmedBefore = untilConfirmed ? await StoreFiles.ConfirmationsAsync(system.ProductsDatabase, cancellationToken) : 0;
        var cpuBefore = SampleCpu();
        Console.WriteLine($"    offering {count} decommissions...");

        var clock = Stopwatch.StartNew();
        var wallStart = DateTimeOffset.UtcNow;
        var results = await OpenLoop.RunAsync(count, rate, (i, due) => DecommissionAsync(ids[i], due, cancellationToken), cancellationToken);
        var callsDone = clock.Elapsed;
        var (backlog, _) = await StoreFiles.OutboxAsync(system.ProductsDatabase, cancellationToken);

        // Until both caches have applied every accepted decommission; counted by the services' own counters.
        var accepted = results.Count(r => r.Ok);
        var drainLimit = duration + TimeSpan.FromSeconds(Math.Max(30, duration.TotalSeconds));
        var drained = await WaitForAppliedAsync(appliedBefore, accepted, clock, drainLimit, cancellationToken);
        if (untilConfirmed && drained)
        {
            await WaitForConfirmationsAsync(confirmedBefore + (2L * accepted), cancellationToken);
        }

        var cpuAfter = SampleCpu();
        LastCpuWindow = clock.Elapsed;
        if (!drained)
        {
            // Not measured any more, but the next stage must start on an idle system.
            Console.WriteLine($"    both caches had not applied all {accepted} within {drainLimit.TotalSeconds:0} s of the start; waiting for the backlog to clear...");
            if (!await WaitForAppliedAsync(appliedBefore, accepted, clock, clock.Elapsed + TimeSpan.FromMinutes(15), cancellationToken))
            {
                throw new TimeoutException($"The caches did not catch up with {accepted} decommissions within 15 minutes.");
            }
        }

        var ends = await BothAppliedAtAsync(ids, cancellationToken);
        var lags = new List<double>();
        var lastApplied = TimeSpan.Zero;
        for (var i = 0; i < count; i++)
        {
            if (ends.TryGetValue(ids[i], out var end))
            {
                var sinceStart = end - wallStart;
                lags.Add((end - results[i].Due).TotalMilliseconds);
                lastApplied = sinceStart > lastApplied ? sinceStart : lastApplied;
            }
        }

        var stage = new RateStage(
            rate,
            Math.Round(duration.TotalSeconds, 1),
            count,
            count - accepted,
            Math.Round(accepted / Math.Max(duration.TotalSeconds, callsDone.TotalSeconds), 1),
            Math.Round(lags.Count / Math.Max(duration.TotalSeconds, lastApplied.TotalSeconds), 1),
            LatencySummary.Of(results.Where(r => r.Ok).Select(r => r.Milliseconds).ToList(), "decommission calls"),
            LatencySummary.Of(lags, "decommission -> both caches"),
            count - lags.Count,
            backlog,
            Math.Round(Math.Max(0, (lastApplied - duration).TotalSeconds), 3),
            CpuPerDecommission(cpuBefore, cpuAfter, accepted),
            Memory());
        Console.WriteLine($"    achieved {stage.AchievedPerSecond}/s, call p99 {stage.Call.P99} ms, both caches p50/p99 {stage.BothCaches.P50}/{stage.BothCaches.P99} ms, backlog {backlog}, kept up: {stage.KeptUp}");
        return stage;
    }

    /// <summary>One decommission at a time, each waited for in both caches before the next.</summary>
    public async Task<SequentialStage> SequentialAsync(int warmup, int count, CancellationToken cancellationToken)
    {
        var ids = await SeedAsync(warmup + count, cancellationToken);
        var (_, dispatched) = await StoreFiles.OutboxAsync(system.ProductsDatabase, cancellationToken);
        var lags = new List<double>();
        for (var i = 0; i < ids.Length; i++)
        {
            var startedAt = DateTimeOffset.UtcNow;
            using (var response = await _products.PostAsync($"/products/{ids[i]}/decommission", null, cancellationToken))
            {
                await EnsureAsync(response, "POST /products/{id}/decommission");
            }

            var appliedAt = await WaitForReplicaStatusAsync(ids[i], "Decommissioning", cancellationToken);
            if (i >= warmup)
            {
                lags.Add((appliedAt - startedAt).TotalMilliseconds);
            }
        }

        return new SequentialStage(dispatched, LatencySummary.Of(lags, "sequential decommission -> both caches"));
    }

    /// <summary>
    /// One decommission at a time until ProductService records both confirmations and sets
    /// DecommissionCompletedAt. Needs ProductService running with the shipped consumer list.
    /// </summary>
    public async Task<LatencySummary> UntilDecommissionedAsync(int warmup, int count, CancellationToken cancellationToken)
    {
        await ConfirmationsSettledAsync(cancellationToken);
        var ids = await SeedAsync(warmup + count, cancellationToken);
        var started = new Dictionary<Guid, DateTimeOffset>();
        for (var i = 0; i < ids.Length; i++)
        {
            var startedAt = DateTimeOffset.UtcNow;
            using (var response = await _products.PostAsync($"/products/{ids[i]}/decommission", null, cancellationToken))
            {
                await EnsureAsync(response, "POST /products/{id}/decommission");
            }

            await WaitForProductStatusAsync(ids[i], "Decommissioned", cancellationToken);
            if (i >= warmup)
            {
                started[ids[i]] = startedAt;
            }
        }

        var completed = await StoreFiles.DecommissionCompletedAtAsync(system.ProductsDatabase, cancellationToken);
        var missing = started.Keys.Count(id => !completed.ContainsKey(id));
        if (missing > 0)
        {
            throw new InvalidOperationException($"{missing} products reported Decommissioned have no DecommissionCompletedAt in {system.ProductsDatabase}.");
        }

        return LatencySummary.Of(started.Select(s => (completed[s.Key] - s.Value).TotalMilliseconds).ToList(), "decommission -> Decommissioned");
    }

    /// <summary>
    /// The stages before send ProductService two confirmations per decommission, and the stages at high
    /// rates leave many of them queued. A call measured now would wait behind them (a decommission) or
    /// share the machine with them (an order), so this waits, outside any measurement, until the
    /// recorded count has stopped growing for three seconds.
    /// </summary>
    public async Task ConfirmationsSettledAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var last = -1L;
        var steady = 0;
        while (steady < 3)
        {
            var now = await StoreFiles.ConfirmationsAsync(system.ProductsDatabase, cancellationToken);
            steady = now == last ? steady + 1 : 0;
            last = now;
            if (waited.Elapsed > TimeSpan.FromMinutes(15))
            {
                throw new TimeoutException($"ProductService's confirmations were still growing after 15 minutes ({now} recorded).");
            }

            await Task.Delay(1000, cancellationToken);
        }

        Console.WriteLine($"  {last} confirmations recorded; settled after {waited.Elapsed.TotalSeconds:0} s");
    }

    /// <summary>Until ProductService has recorded <paramref name="expected"/> confirmations (Catalog's and Order's, one each per decommission).</summary>
    private async Task WaitForConfirmationsAsync(long expected, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        long now;
        while ((now = await StoreFiles.ConfirmationsAsync(system.ProductsDatabase, cancellationToken)) < expected)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"ProductService recorded {now} of {expected} confirmations within 5 minutes.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Each process's CPU milliseconds per second while nothing is offered: the background a per-decommission figure includes.</summary>
    public async Task<Dictionary<string, double?>> IdleCpuPerSecondAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var before = SampleCpu();
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        var after = SampleCpu();
        var seconds = clock.Elapsed.TotalSeconds;
        return before.ToDictionary(b => b.Key, b => b.Value is { } start && after[b.Key] is { } end ? Math.Round((end - start) / seconds, 2) : (double?)null);
    }

    /// <summary>Creates products, outside any measurement, until at least <paramref name="rows"/> published outbox rows are kept.</summary>
    public async Task<long> GrowOutboxHistoryAsync(long rows, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (_, dispatched) = await StoreFiles.OutboxAsync(system.ProductsDatabase, cancellationToken);
            if (dispatched >= rows)
            {
                return dispatched;
            }

            var batch = (int)Math.Min(5_000, rows - dispatched);
            Console.WriteLine($"  {dispatched} published outbox rows kept; creating {batch} more products...");
            await SeedAsync(batch, cancellationToken);
        }
    }

    public IReadOnlyDictionary<string, long> Memory()
    {
        var memory = system.Services.ToDictionary(s => s.Name, s => s.Sample().ResidentBytes);
        if (ProcessSample.FindBroker() is { } broker)
        {
            memory["broker (beam.smp)"] = ProcessSample.Read(broker).ResidentBytes;
        }

        return memory;
    }

    private Dictionary<string, double?> SampleCpu()
    {
        var cpu = system.Services.ToDictionary(s => s.Name, s => (double?)s.Sample().CpuMilliseconds);
        cpu["broker (beam.smp)"] = brokerCpuMilliseconds();
        return cpu;
    }

    private static Dictionary<string, double?> CpuPerDecommission(Dictionary<string, double?> before, Dictionary<string, double?> after, int decommissions) =>
        before.ToDictionary(
            b => b.Key,
            b => b.Value is { } start && after[b.Key] is { } end && decommissions > 0 ? Math.Round((end - start) / decommissions, 3) : (double?)null);

    /// <summary>The call's latency counts from its scheduled moment, so time spent waiting for a connection counts too.</summary>
    private async Task<(bool Ok, double Milliseconds, DateTimeOffset Due)> DecommissionAsync(Guid id, DateTimeOffset due, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _products.PostAsync($"/products/{id}/decommission", null, cancellationToken);
            return (response.StatusCode == HttpStatusCode.Accepted, (DateTimeOffset.UtcNow - due).TotalMilliseconds, due);
        }
        catch (HttpRequestException)
        {
            return (false, (DateTimeOffset.UtcNow - due).TotalMilliseconds, due);
        }
    }

    private async Task<(long Catalog, long Order)> AppliedDecommissionsAsync(CancellationToken cancellationToken) =>
        (await ServiceMetrics.AppliedDecommissionsAsync(_catalog, cancellationToken), await ServiceMetrics.AppliedDecommissionsAsync(_orders, cancellationToken));

    private async Task<bool> WaitForAppliedAsync((long Catalog, long Order) before, int expected, Stopwatch clock, TimeSpan until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = await AppliedDecommissionsAsync(cancellationToken);
            if (now.Catalog - before.Catalog >= expected && now.Order - before.Order >= expected)
            {
                return true;
            }

            if (clock.Elapsed > until)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>For each product decommissioned in both caches, the later of the two AppliedAt stamps.</summary>
    private async Task<Dictionary<Guid, DateTimeOffset>> BothAppliedAtAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        Dictionary<Guid, DateTimeOffset>? both = null;
        foreach (var (file, table) in StoreFiles.Caches(system))
        {
            var applied = await StoreFiles.AppliedAtAsync(file, table, "Decommissioning", cancellationToken);
            both = both is null
                ? ids.Where(applied.ContainsKey).ToDictionary(id => id, id => applied[id])
                : both.Where(b => applied.ContainsKey(b.Key)).ToDictionary(b => b.Key, b => b.Value > applied[b.Key] ? b.Value : applied[b.Key]);
        }

        return both!;
    }

    private async Task<DateTimeOffset> WaitForReplicaStatusAsync(Guid id, string status, CancellationToken cancellationToken)
    {
        var latest = DateTimeOffset.MinValue;
        var deadline = Stopwatch.StartNew();
        foreach (var service in new[] { _catalog, _orders })
        {
            while (true)
            {
                using var response = await service.GetAsync($"/product-replicas/{id}", cancellationToken);
                if (response.IsSuccessStatusCode
                    && await response.Content.ReadFromJsonAsync<Replica>(Json, cancellationToken) is { } replica
                    && replica.Status == status)
                {
                    latest = replica.AppliedAt > latest ? replica.AppliedAt : latest;
                    break;
                }

                if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"Product {id} did not reach {status} in {service.BaseAddress} within 30 s.");
                }

                await Task.Delay(1, cancellationToken);
            }
        }

        return latest;
    }

    private async Task WaitForProductStatusAsync(Guid id, string status, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await _products.GetAsync($"/products/{id}", cancellationToken);
            if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<Created>(Json, cancellationToken))?.Status == status)
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Product {id} did not become {status} within 30 s.");
            }

            await Task.Delay(1, cancellationToken);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string call)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{call} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private sealed record Created(Guid Id, string Status);

    private sealed record Replica(Guid ProductId, string Status, DateTimeOffset AppliedAt);
}
