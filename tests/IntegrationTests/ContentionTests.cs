using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// Concurrent callers on one resource: exactly one state change wins, the losers get 409 problem
/// details (with Retry-After when they lost the race rather than the argument), and nobody gets a 500.
/// </summary>
public sealed class ContentionTests(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private Api Api => fixture.Api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Of_concurrent_fulfils_and_cancels_exactly_one_side_wins_and_the_order_says_so()
    {
        var product = await Api.CreatePropagatedProductAsync();
        for (var round = 0; round < 5; round++)
        {
            var order = await Api.PlaceOrderOkAsync($"storm-{round}", (product.Id, 1));
            using var start = new SemaphoreSlim(0);
            var calls = Enumerable.Range(0, 20).Select(async i =>
            {
                var step = i % 2 == 0 ? "fulfill" : "cancel";
                await start.WaitAsync(Cancel);
                var response = await Api.Orders.PostAsync($"/orders/{order.Id}/{step}", null, Cancel);
                return (Step: step, response.StatusCode);
            }).ToList();
            start.Release(calls.Count);
            var answers = await Task.WhenAll(calls);

            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{a.Step} answered {(int)a.StatusCode}"));
            var winners = answers.Where(a => a.StatusCode == HttpStatusCode.OK).Select(a => a.Step).Distinct().ToList();
            var winner = Assert.Single(winners); // one side told "done", the other 409: never both
            var final = await Api.GetOrderAsync(order.Id);
            Assert.Equal(winner == "fulfill" ? OrderStatus.Fulfilled : OrderStatus.Cancelled, final!.Status);
            Assert.All(answers.Where(a => a.Step != winner), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        }
    }

    [Fact]
    public async Task A_decommission_and_restore_storm_never_answers_500()
    {
        var product = await Api.CreatePropagatedProductAsync();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var retryAfterMissing = 0;
        var until = DateTime.UtcNow.AddSeconds(4);
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            while (DateTime.UtcNow < until)
            {
                var step = i % 2 == 0 ? "decommission" : "restore";
                using var response = await Api.Products.PostAsync($"/products/{product.Id}/{step}", null, Cancel);
                statuses.Add(response.StatusCode);
                var problem = response.StatusCode == HttpStatusCode.Conflict
                    ? await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(Cancel)
                    : null;
                if (problem?.Title == "Concurrent change" && response.Headers.RetryAfter is null)
                {
                    Interlocked.Increment(ref retryAfterMissing);
                }
            }
        }, Cancel)));

        var counts = statuses.GroupBy(s => (int)s).ToDictionary(g => g.Key, g => g.Count());
        var summary = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}"));
        Assert.True(statuses.Count > 50, $"the storm made too few calls to mean anything ({summary})");
        Assert.All(counts.Keys, code => Assert.True(code is 200 or 202 or 409, $"unexpected {code} in the storm ({summary})"));
        Assert.Equal(0, retryAfterMissing);
        var final = await Api.GetProductAsync(product.Id);
        Assert.Contains(final!.Status, new[] { ProductStatus.Active, ProductStatus.Decommissioning, ProductStatus.Decommissioned });
        TestContext.Current.SendDiagnosticMessage($"decommission/restore storm: {statuses.Count} calls ({summary})");
    }
}
