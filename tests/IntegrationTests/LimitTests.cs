using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.IntegrationTests.Infrastructure;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>The system with a small destructive-operation limit, so the tests reach it in a few calls.</summary>
public sealed class LimitedSystem(TestBroker broker) : SystemFixture(broker)
{
    public const int PermitLimit = 3;

    protected override LocalSystemOptions Configure(LocalSystemOptions options) => options with
    {
        Settings = new Dictionary<string, string?>(options.Settings)
        {
            ["Security:DestructiveRateLimit:PermitLimit"] = PermitLimit.ToString(),
            ["Security:DestructiveRateLimit:Window"] = "00:05:00",
        },
    };
}

/// <summary>Limits on what one caller may do and send: each answered with problem details, before any harm.</summary>
public sealed class LimitTests(LimitedSystem fixture, ITestOutputHelper output) : IClassFixture<LimitedSystem>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Destructive_operations_past_the_callers_limit_get_429_with_retry_after()
    {
        var product = await fixture.Api.CreateProductAsync();
        using var operator1 = fixture.System.Product.CreateClient(fixture.System.Tokens.Mint("operator-1", [Scopes.ProductsDecommission]));
        using var operator2 = fixture.System.Product.CreateClient(fixture.System.Tokens.Mint("operator-2", [Scopes.ProductsDecommission]));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= LimitedSystem.PermitLimit; i++)
        {
            statuses.Add((await operator1.PostAsync($"/products/{product.Id}/decommission", null, Cancel)).StatusCode);
        }

        using var refused = await operator1.PostAsync($"/products/{product.Id}/restore", null, Cancel);
        using var other = await operator2.PostAsync($"/products/{product.Id}/decommission", null, Cancel);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, LimitedSystem.PermitLimit), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode); // the limit is per caller
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.Products.GetAsync($"/products/{product.Id}", Cancel)).StatusCode); // reads are not limited
        output.WriteLine($"limit {LimitedSystem.PermitLimit}: {string.Join(", ", statuses.Select(s => (int)s))}, then restore {(int)refused.StatusCode}, Retry-After {retryAfter.Value.TotalSeconds} s; another caller {(int)other.StatusCode}");
    }

    [Fact]
    public async Task A_body_over_64_KiB_gets_413_before_it_is_read()
    {
        var oversized = OrderJson(lines: 2, padding: 70 * 1024);

        using var declared = await fixture.Api.Orders.PostAsync("/orders", new StringContent(oversized, Encoding.UTF8, "application/json"), Cancel);
        using var chunked = await fixture.Api.Orders.PostAsync("/orders", Chunked(oversized), Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal("application/problem+json", declared.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        output.WriteLine($"{Encoding.UTF8.GetByteCount(oversized)} bytes: {(int)declared.StatusCode} with Content-Length, {(int)chunked.StatusCode} chunked");
    }

    [Fact]
    public async Task An_order_with_101_lines_gets_400_and_100_lines_pass_validation()
    {
        using var tooMany = await fixture.Api.Orders.PostAsync("/orders", new StringContent(OrderJson(lines: 101), Encoding.UTF8, "application/json"), Cancel);
        using var hundred = await fixture.Api.Orders.PostAsync("/orders", new StringContent(OrderJson(lines: 100), Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("at most 100 lines", await tooMany.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, hundred.StatusCode); // valid input; its products are unknown
        output.WriteLine($"101 lines: {(int)tooMany.StatusCode}; 100 lines: {(int)hundred.StatusCode} (unknown products)");
    }

    private static string OrderJson(int lines, int padding = 0) => JsonSerializer.Serialize(new
    {
        customerId = "c-limits",
        customerName = "Ann" + new string(' ', padding),
        customerEmail = "ann@example.com",
        shippingAddress = "1 Main St",
        lines = Enumerable.Range(0, lines).Select(_ => new { productId = Guid.NewGuid(), quantity = 1 }),
    });

    private static HttpContent Chunked(string body)
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/json");
        return content;
    }
}
