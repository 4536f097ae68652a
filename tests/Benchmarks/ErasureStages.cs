using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProductCatalogOrders.ErasureService.Requests;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// Erasures on a running <see cref="BenchmarkSystem"/> with ErasureService: customers with orders and
/// a review seeded through the APIs, then <c>POST /erasure-requests</c> for each and its ledger read
/// until <c>Verified</c>. Every latency ends at a timestamp ErasureService stamped on the ledger
/// (a row's ErasedAt, the request's CompletedAt), so how often the benchmark asks adds nothing to it.
/// </summary>
public sealed class ErasureStages(BenchmarkSystem system, BenchmarkHttpClients clients, ErasureBenchmarkOptions options)
{
    /// <summary>Per customer: orders placed, then closed (the first fulfilled, the second cancelled), so the open-order check passes.</summary>
    public const int OrdersPerCustomer = 2;

    public const int ReviewsPerCustomer = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HttpClient _catalog = clients.For(system.Catalog.BaseAddress);
    private readonly HttpClient _orders = clients.For(system.Order.BaseAddress);
    private readonly HttpClient _erasure = clients.For((system.Erasure ?? throw new ArgumentException("The system has no ErasureService.", nameof(system))).BaseAddress);
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private int _seeded;

    /// <summary>Customers with <see cref="OrdersPerCustomer"/> closed orders and <see cref="ReviewsPerCustomer"/> review each, 8 at a time.</summary>
    public async Task<string[]> SeedCustomersAsync(IReadOnlyList<Guid> products, int count, CancellationToken cancellationToken)
    {
        var customers = new string[count];
        var first = Interlocked.Add(ref _seeded, count) - count;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var n = first + i;
                var customer = customers[i] = $"bench-{_run}-{n:D5}";
                var product = products[n % products.Count];
                for (var o = 0; o < OrdersPerCustomer; o++)
                {
                    using var placed = await _orders.PostAsJsonAsync("/orders", new
                    {
                        customerId = customer,
                        customerName = $"Bench Customer {n}",
                        customerEmail = $"{customer}@example.com",
                        shippingAddress = $"{n} Bench Street",
                        lines = new[] { new { productId = product, quantity = 1 + o } },
                    }, cancellationToken);
                    await EnsureAsync(placed, HttpStatusCode.Created, "POST /orders");
                    var order = (await placed.Content.ReadFromJsonAsync<Created>(Json, cancellationToken))!.Id;
                    using var closed = await _orders.PostAsync($"/orders/{order}/{(o % 2 == 0 ? "fulfill" : "cancel")}", null, cancellationToken);
                    await EnsureAsync(closed, HttpStatusCode.OK, $"POST /orders/{{id}}/{(o % 2 == 0 ? "fulfill" : "cancel")}");
                }

                using var reviewed = await _catalog.PostAsJsonAsync("/catalog/reviews", new { productId = product, customerId = customer, rating = 4, text = $"Review {n}: crisp and fresh." }, cancellationToken);
                await EnsureAsync(reviewed, HttpStatusCode.Created, "POST /catalog/reviews");
            }
        }));
        return customers;
    }

    /// <summary>Erases every customer, <paramref name="concurrency"/> at a time (closed loop), and summarises what the ledgers say.</summary>
    public async Task<ErasureStage> RunAsync(string name, IReadOnlyList<string> customers, int concurrency, CancellationToken cancellationToken)
    {
        var samples = new ConcurrentBag<ErasureSample>();
        var next = -1;
        var cpuBefore = SampleCpu();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < customers.Count)
            {
                samples.Add(await EraseAsync(customers[i], concurrency == 1 ? options.PollEvery : 2 * options.PollEvery, cancellationToken));
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuAfter = SampleCpu();
        var all = samples.ToList();
        var verified = all.Where(s => s.Problem is null).ToList();
        return new ErasureStage(
            name,
            concurrency,
            all.Count,
            verified.Count,
            Math.Round(seconds, 2),
            Math.Round(verified.Count / seconds, 2),
            Summary(all.Select(s => s.CallMs), "POST /erasure-requests"),
            Summary(verified.Select(s => s.TotalMs!.Value), "request -> Verified"),
            Summary(verified.Select(s => s.ServiceMs!.Value), "accepted -> Verified"),
            verified.SelectMany(s => s.ErasedMs).GroupBy(e => e.Key, e => e.Value).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Summary(g, $"request -> {g.Key} Erased")!),
            Summary(verified.Select(s => s.VerifyMs!.Value), "last Erased -> Verified"),
            cpuBefore.ToDictionary(c => c.Key, c => Math.Round((cpuAfter[c.Key] - c.Value) / Math.Max(1, verified.Count), 2)),
            [.. all.Where(s => s.Problem is not null).Select(s => $"{s.Customer}: {s.Problem}")]);
    }

    /// <summary>
    /// One erasure: the request, then its ledger read every <paramref name="pollEvery"/> until it is
    /// Verified or Failed, or <see cref="ErasureBenchmarkOptions.GiveUpAfter"/> has passed. Anything but
    /// Verified with the expected counts is a problem, reported with the ledger's own words.
    /// </summary>
    private async Task<ErasureSample> EraseAsync(string customer, TimeSpan pollEvery, CancellationToken cancellationToken)
    {
        var sent = DateTimeOffset.UtcNow;
        var call = Stopwatch.StartNew();
        using var response = await _erasure.PostAsJsonAsync("/erasure-requests", new { subjectType = "customer", subjectId = customer, reason = "Erasure benchmark." }, cancellationToken);
        var callMs = call.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return ErasureSample.Failure(customer, callMs, $"POST /erasure-requests answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var request = (await response.Content.ReadFromJsonAsync<ErasureRequestResponse>(Json, cancellationToken))!;
        var waited = Stopwatch.StartNew();
        while (request.State is not (RequestState.Verified or RequestState.Failed))
        {
            if (waited.Elapsed > options.GiveUpAfter)
            {
                return ErasureSample.Failure(customer, callMs, $"request {request.Id} not Verified within {options.GiveUpAfter.TotalSeconds:0} s: {Describe(request)}");
            }

            await Task.Delay(pollEvery, cancellationToken);
            using var read = await _erasure.GetAsync($"/erasure-requests/{request.Id}", cancellationToken);
            if (read.StatusCode != HttpStatusCode.OK)
            {
                return ErasureSample.Failure(customer, callMs, $"GET /erasure-requests/{request.Id} answered {(int)read.StatusCode}: {await read.Content.ReadAsStringAsync(cancellationToken)}");
            }

            request = (await read.Content.ReadFromJsonAsync<ErasureRequestResponse>(Json, cancellationToken))!;
        }

        if (request.State == RequestState.Failed)
        {
            return ErasureSample.Failure(customer, callMs, $"request {request.Id} Failed: {Describe(request)}");
        }

        var expected = new Dictionary<string, int> { ["order"] = OrdersPerCustomer, ["catalog"] = ReviewsPerCustomer };
        var wrong = request.Targets.Where(t => expected.GetValueOrDefault(t.Service, -1) != t.Erased).ToList();
        if (wrong.Count > 0 || request.Targets.Count != expected.Count)
        {
            return ErasureSample.Failure(customer, callMs, $"request {request.Id} Verified with unexpected targets or counts: {Describe(request)}");
        }

        var completed = request.CompletedAt!.Value;
        var lastErased = request.Targets.Max(t => t.ErasedAt!.Value);
        return new ErasureSample(
            customer,
            callMs,
            (completed - sent).TotalMilliseconds,
            (completed - request.CreatedAt).TotalMilliseconds,
            request.Targets.ToDictionary(t => t.Service, t => (t.ErasedAt!.Value - sent).TotalMilliseconds),
            (completed - lastErased).TotalMilliseconds,
            null);
    }

    private static string Describe(ErasureRequestResponse request) =>
        $"{request.State}; " + string.Join("; ", request.Targets.Select(t =>
            $"{t.Service} {t.State}, {t.Attempts} attempt(s), {t.Erased} erased{(t.LastError is null ? "" : $", last error: {t.LastError}")}{(t.BlockedReason is null ? "" : $", blocked: {t.BlockedReason}")}"));

    private Dictionary<string, double> SampleCpu() => system.Services.ToDictionary(s => s.Name, s => s.Sample().CpuMilliseconds);

    private static LatencySummary? Summary(IEnumerable<double> milliseconds, string what)
    {
        var values = milliseconds.ToList();
        return values.Count == 0 ? null : LatencySummary.Of(values, what);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string call)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{call} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private sealed record Created(Guid Id);
}

/// <summary>One erasure as the ledger tells it; <see cref="Problem"/> says why it is not counted as Verified.</summary>
public sealed record ErasureSample(
    string Customer,
    double CallMs,
    double? TotalMs,
    double? ServiceMs,
    IReadOnlyDictionary<string, double> ErasedMs,
    double? VerifyMs,
    string? Problem)
{
    public static ErasureSample Failure(string customer, double callMs, string problem) =>
        new(customer, callMs, null, null, new Dictionary<string, double>(), null, problem);
}

/// <summary>
/// A stage: request → Verified from the moment the benchmark sent the request to the request's
/// CompletedAt; accepted → Verified from the request's CreatedAt; request → each target's ErasedAt;
/// the last ErasedAt → CompletedAt (verification). CPU is per Verified erasure, per process, over the stage.
/// </summary>
public sealed record ErasureStage(
    string Name,
    int Concurrency,
    int Requested,
    int Verified,
    double Seconds,
    double VerifiedPerSecond,
    LatencySummary? Call,
    LatencySummary? RequestToVerified,
    LatencySummary? AcceptedToVerified,
    IReadOnlyDictionary<string, LatencySummary> RequestToErased,
    LatencySummary? ErasedToVerified,
    IReadOnlyDictionary<string, double> CpuMillisecondsPerErasure,
    IReadOnlyList<string> Problems);
