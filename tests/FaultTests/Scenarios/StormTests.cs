using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ProductCatalogOrders.FaultTests.Infrastructure;

namespace ProductCatalogOrders.FaultTests.Scenarios;

/// <summary>
/// Concurrent callers racing on the same state: never a 500, and of concurrent fulfil and cancel on
/// one order exactly one side wins (its calls answer 200, the same outcome repeated is idempotent; every
/// call of the other side answers 409), and the order ends in the winner's state.
/// </summary>
[Collection(SharedSystemCollection.Name)]
public sealed class StormTests(SharedSystem shared, FaultTable table)
{
    private const int Orders = 20;
    private const int CallsPerSide = 10;

    private FaultSystem System => shared.System;

    [Fact]
    public async Task Fulfil_cancel_storm_has_one_winner_per_order_and_no_500()
    {
        var scenario = await Scenario.BeginAsync("fulfil/cancel storm on orders", System, table);
        var products = await scenario.PrepareProductsAsync("order-storm", Orders, referenced: 0);
        var orders = new List<Guid>();
        foreach (var product in products)
        {
            using var placed = await System.Api.PlaceOrderAsync(product, Scenario.Cancellation);
            await FaultApi.ExpectAsync(placed, HttpStatusCode.Created, "place order");
            orders.Add((await placed.Content.ReadFromJsonAsync<OrderView>(FaultApi.Json, Scenario.Cancellation))!.Id);
        }

        var since = Stopwatch.StartNew();
        var answers = new ConcurrentBag<(Guid Order, string Action, HttpStatusCode Status)>();
        var calls = orders.SelectMany(order => Enumerable.Range(0, 2 * CallsPerSide).Select(i => (order, action: i % 2 == 0 ? "fulfill" : "cancel")))
            .Select(call => Task.Run(async () =>
            {
                using var response = await System.Api.Order.PostAsync($"/orders/{call.order}/{call.action}", null, Scenario.Cancellation);
                answers.Add((call.order, call.action, response.StatusCode));
            }, Scenario.Cancellation));
        await Task.WhenAll(calls);

        var problems = new List<string>();
        foreach (var order in orders)
        {
            var mine = answers.Where(a => a.Order == order).ToList();
            var winners = mine.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Action).Distinct().ToList();
            var view = await System.Api.Order.GetFromJsonAsync<OrderView>($"/orders/{order}", FaultApi.Json, Scenario.Cancellation);
            var expected = winners.Count == 1 ? (winners[0] == "fulfill" ? "Fulfilled" : "Cancelled") : "one winner";
            if (winners.Count != 1 || view!.Status != expected || mine.Any(a => a.Status is not (HttpStatusCode.OK or HttpStatusCode.Conflict)))
            {
                problems.Add($"order {order}: winners [{string.Join(", ", winners)}], status {view!.Status}, answers {string.Join(" ", mine.GroupBy(a => $"{a.Action}:{(int)a.Status}").Select(g => $"{g.Key}x{g.Count()}"))}");
            }
        }

        var conflicts = answers.Count(a => a.Status == HttpStatusCode.Conflict);
        var errors = answers.Count(a => (int)a.Status >= 500);
        await scenario.EndAsync(since, $"{answers.Count} calls on {Orders} orders: {conflicts} answered 409, {errors} answered 5xx; one winner per order: {(problems.Count == 0 ? "yes" : "NO")}");
        Assert.True(errors == 0 && problems.Count == 0, $"{errors} calls answered 5xx; {string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public async Task Decommission_restore_storm_answers_no_500_and_converges()
    {
        var scenario = await Scenario.BeginAsync("decommission/restore storm on products", System, table);
        var products = await scenario.PrepareProductsAsync("product-storm", 4, referenced: 4);
        var answers = new ConcurrentBag<HttpStatusCode>();
        var since = Stopwatch.StartNew();
        var storm = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(worker => Task.Run(async () =>
        {
            var product = products[worker % products.Count];
            for (var i = 0; storm.Elapsed < TimeSpan.FromSeconds(5); i++)
            {
                var action = (worker + i) % 2 == 0 ? "decommission" : "restore";
                using var response = await System.Api.Product.PostAsync($"/products/{product}/{action}", null, Scenario.Cancellation);
                answers.Add(response.StatusCode);
            }
        }, Scenario.Cancellation)));

        var conflicts = answers.Count(s => s == HttpStatusCode.Conflict);
        var errors = answers.Count(s => (int)s >= 500);
        var unexpected = answers.Where(s => s is not (HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.Conflict)).GroupBy(s => (int)s).Select(g => $"{g.Key} x{g.Count()}").ToList();
        await scenario.EndAsync(since, $"{answers.Count} calls by 20 callers on {products.Count} products in 5 s: {conflicts} answered 409, {errors} answered 5xx");
        Assert.True(errors == 0 && unexpected.Count == 0, $"answers other than 200, 202 and 409: {string.Join(", ", unexpected)}");
    }

    private sealed record OrderView(Guid Id, string Status);
}
