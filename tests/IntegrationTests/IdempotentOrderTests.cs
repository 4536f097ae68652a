using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>A retried order placement with the same Idempotency-Key places one order, whatever the timing.</summary>
public sealed class IdempotentOrderTests(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private Api Api => fixture.Api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_retry_with_the_same_key_returns_the_first_order_and_places_no_second()
    {
        var product = await Api.CreatePropagatedProductAsync();
        var customer = $"idem-{Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();

        var first = await PlaceAsync(key, customer, product.Id, quantity: 2);
        var retry = await PlaceAsync(key, customer, product.Id, quantity: 2);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        var firstOrder = (await first.Content.ReadFromJsonAsync<OrderResponse>(Api.Json, Cancel))!;
        Assert.Equal(firstOrder.Id, (await retry.Content.ReadFromJsonAsync<OrderResponse>(Api.Json, Cancel))!.Id);
        Assert.Equal([firstOrder.Id], await OrdersOfAsync(customer));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_place_exactly_one_order()
    {
        var product = await Api.CreatePropagatedProductAsync();
        var customer = $"idem-{Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PlaceAsync(key, customer, product.Id, quantity: 1)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = new HashSet<Guid>();
        foreach (var answer in answers)
        {
            ids.Add((await answer.Content.ReadFromJsonAsync<OrderResponse>(Api.Json, Cancel))!.Id);
        }

        Assert.Single(ids);
        Assert.Equal(ids.ToList(), await OrdersOfAsync(customer));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_422_and_nothing_is_placed()
    {
        var product = await Api.CreatePropagatedProductAsync();
        var customer = $"idem-{Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PlaceAsync(key, customer, product.Id, quantity: 1)).StatusCode);

        var different = await PlaceAsync(key, customer, product.Id, quantity: 3);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Contains("Idempotency key reused", await different.Content.ReadAsStringAsync(Cancel));
        Assert.Single(await OrdersOfAsync(customer));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901")]
    public async Task A_malformed_key_is_refused_with_400(string key)
    {
        var product = await Api.CreatePropagatedProductAsync();
        var customer = $"idem-{Guid.NewGuid():N}";

        var response = await PlaceAsync(key, customer, product.Id, quantity: 1);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await OrdersOfAsync(customer));
    }

    private Task<HttpResponseMessage> PlaceAsync(string key, string customer, Guid productId, int quantity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = JsonContent.Create(new
            {
                customerId = customer,
                customerName = "Ann Example",
                customerEmail = "ann@example.com",
                shippingAddress = "1 Main Street, Springfield",
                lines = new[] { new { productId, quantity } },
            }, options: Api.Json),
        };
        request.Headers.TryAddWithoutValidation(IdempotentRequest.Header, key);
        return Api.Orders.SendAsync(request, Cancel);
    }

    private async Task<List<Guid>> OrdersOfAsync(string customer)
    {
        await using var scope = fixture.System.Order.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        return await db.Orders.Where(o => o.CustomerId == customer).Select(o => o.Id).ToListAsync(Cancel);
    }
}
