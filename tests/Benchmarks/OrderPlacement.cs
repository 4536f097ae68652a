using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>Closed loop: a fixed number of callers place orders for Active products for a fixed time.</summary>
public static class OrderPlacement
{
    public static async Task<OrderStage> RunAsync(HttpClient orders, IReadOnlyList<Guid> products, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[concurrency];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async caller =>
        {
            var own = latencies[caller] = [];
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await orders.PostAsJsonAsync("/orders", new
                {
                    customerId = $"bench-{caller}",
                    customerName = "Bench Customer",
                    customerEmail = $"bench-{caller}@example.com",
                    shippingAddress = "1 Bench Street",
                    lines = new[] { new { productId = products[(caller + i) % products.Count], quantity = 1 } },
                }, cancellationToken);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"POST /orders answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }

                own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        return new OrderStage(concurrency, Math.Round(seconds, 2), all.Count, Math.Round(all.Count / seconds, 1), LatencySummary.Of(all, $"orders at concurrency {concurrency}"));
    }
}
