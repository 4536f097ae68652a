using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.CatalogService.Storage.Sqlite;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.OrderService.Orders;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>Bad input gets 400, 404, 409 or 422 problem details, never 500, and nothing is written.</summary>
public sealed class BadInputTests(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private Api Api => fixture.Api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadProducts => new()
    {
        { "{\"sku\": \"X-1\", \"name\": \"Apple\", \"price\": ", "malformed JSON" },
        { "[1, 2, 3]", "wrong JSON shape" },
        { "{\"sku\": \"X-1\", \"name\": \"Apple\", \"price\": \"cheap\"}", "price of the wrong type" },
        { "{}", "every field missing" },
        { "{\"sku\": \"X-1\", \"name\": \"Apple\"}", "missing price" },
        { "{\"sku\": \"X-1\", \"name\": \"Apple\", \"price\": 0}", "zero price" },
        { "{\"sku\": \"X-1\", \"name\": \"Apple\", \"price\": -1.5}", "negative price" },
        { "{\"sku\": \"X-1\", \"name\": \"Apple\", \"price\": 1e17}", "price beyond the store" },
        { "{\"sku\": \"X-1\", \"name\": \"Apple\", \"price\": 1e40}", "price beyond a decimal" },
        { "{\"sku\": \"\", \"name\": \"Apple\", \"price\": 1.5}", "empty SKU" },
        { "{\"sku\": \"X-1\", \"name\": \"  \", \"price\": 1.5}", "blank name" },
        { "{\"sku\": \"X-1\", \"name\": \"Apple\", \"price\": \"1.50\"}", "number sent as a string" },
        { "{\"sku\": \"X-1\", \"name\": \"Ap\\u0000ple\", \"price\": 1.5}", "NUL in the name" },
        { "{\"sku\": \"X-1\", \"name\": \"\\u001b[31mApple\", \"price\": 1.5}", "ESC in the name" },
        { "{\"sku\": \"X-\\u202E1-GPA\", \"name\": \"Apple\", \"price\": 1.5}", "bidi override in the SKU" },
    };

    [Theory]
    [MemberData(nameof(BadProducts))]
    public async Task Invalid_product_is_refused_with_400_and_nothing_is_written(string body, string why)
    {
        var before = await ProductRowsAsync();

        var response = await Api.Products.PostAsync("/products", Json(body), Cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, why);
        Assert.Equal(before, await ProductRowsAsync());
    }

    [Fact]
    public async Task Duplicate_sku_is_refused_with_409_and_nothing_is_written()
    {
        var existing = await Api.CreateProductAsync();
        var before = await ProductRowsAsync();

        var response = await Api.Products.PostAsJsonAsync("/products", new { sku = existing.Sku, name = "Other", price = 3m }, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "duplicate SKU");
        Assert.Equal(before, await ProductRowsAsync());
    }

    [Fact]
    public async Task Unknown_product_ids_get_404()
    {
        var unknown = Guid.NewGuid();

        await AssertProblemAsync(await Api.Products.GetAsync($"/products/{unknown}", Cancel), HttpStatusCode.NotFound, "GET");
        await AssertProblemAsync(
            await Api.Products.PutAsJsonAsync($"/products/{unknown}", new { name = "X", price = 1m }, Cancel), HttpStatusCode.NotFound, "PUT");
        await AssertProblemAsync(await Api.Products.PostAsync($"/products/{unknown}/decommission", null, Cancel), HttpStatusCode.NotFound, "decommission");
        await AssertProblemAsync(await Api.Products.GetAsync("/products/not-a-guid", Cancel), HttpStatusCode.NotFound, "malformed id");
    }

    [Fact]
    public async Task Update_of_a_decommissioned_product_is_refused_with_409_and_changes_nothing()
    {
        var product = await Api.CreatePropagatedProductAsync();
        var decommissioned = await Api.DecommissionCompletelyAsync(product.Id);
        var before = await ProductRowsAsync();

        var response = await Api.Products.PutAsJsonAsync($"/products/{product.Id}", new { name = "Back", price = 9m }, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "update after decommission");
        Assert.Equal(decommissioned, await Api.GetProductAsync(product.Id));
        Assert.Equal(before, await ProductRowsAsync());
    }

    [Fact]
    public async Task Repeated_decommission_is_accepted_and_writes_nothing_more()
    {
        var product = await Api.CreatePropagatedProductAsync();
        var first = await Api.DecommissionCompletelyAsync(product.Id);
        var before = await ProductRowsAsync();

        var second = await Api.DecommissionAsync(product.Id);

        Assert.Equal(first, second);
        Assert.Equal(before, await ProductRowsAsync());
    }

    [Theory]
    [InlineData("status=Gone", "unknown status")]
    [InlineData("status=1", "status as a number")]
    [InlineData("limit=0", "limit too small")]
    [InlineData("limit=100000", "limit too large")]
    [InlineData("limit=many", "limit not a number")]
    public async Task Invalid_snapshot_query_gets_400(string query, string why) =>
        await AssertProblemAsync(await Api.Products.GetAsync($"/products?{query}", Cancel), HttpStatusCode.BadRequest, why);

    [Fact]
    public async Task Snapshot_pages_cover_every_product_once()
    {
        for (var i = 0; i < 5; i++)
        {
            await Api.CreateProductAsync();
        }

        var seen = new List<Guid>();
        string? after = null;
        do
        {
            var page = await Api.Products.GetFromJsonAsync<ProductPage>($"/products?limit=2&after={after}", Api.Json, Cancel);
            seen.AddRange(page!.Items.Select(p => p.Id));
            after = page.Next;
        }
        while (after is not null);

        var (products, _) = await ProductRowsAsync();
        Assert.Equal(products, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    public static TheoryData<string, string> BadOrders => new()
    {
        { "{\"customerId\": ", "malformed JSON" },
        { "{}", "every field missing" },
        { Order("[]"), "no lines" },
        { Order("[{\"productId\": \"" + Guid.NewGuid() + "\", \"quantity\": 0}]"), "zero quantity" },
        { Order("[{\"productId\": \"" + Guid.NewGuid() + "\", \"quantity\": -2}]"), "negative quantity" },
        { Order("[{\"quantity\": 1}]"), "line without product" },
        { Order("[{\"productId\": \"" + Guid.NewGuid() + "\", \"quantity\": \"2\"}]"), "quantity sent as a string" },
        { Order("[{\"productId\": \"" + Guid.NewGuid() + "\", \"quantity\": 1}]").Replace("\"Ann\"", "\"Ann\\u0007\""), "BEL in the name" },
        { Order("[{\"productId\": \"" + Guid.NewGuid() + "\", \"quantity\": 1}]").Replace("ann@example.com", "nobody"), "invalid email" },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task Invalid_order_is_refused_with_400_and_nothing_is_written(string body, string why)
    {
        var before = await OrderRowsAsync();

        var response = await Api.Orders.PostAsync("/orders", Json(body), Cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, why);
        Assert.Equal(before, await OrderRowsAsync());
    }

    [Fact]
    public async Task Order_for_an_unknown_product_is_refused_with_422_and_nothing_is_written()
    {
        var known = await Api.CreatePropagatedProductAsync();
        var before = await OrderRowsAsync();

        var response = await Api.PlaceOrderAsync("c-unknown", (known.Id, 1), (Guid.NewGuid(), 1));

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "unknown product");
        Assert.Equal(before, await OrderRowsAsync());
    }

    [Fact]
    public async Task Unknown_order_gets_404_and_listing_needs_a_customer()
    {
        await AssertProblemAsync(await Api.Orders.GetAsync($"/orders/{Guid.NewGuid()}", Cancel), HttpStatusCode.NotFound, "unknown order");
        await AssertProblemAsync(await Api.Orders.GetAsync("/orders", Cancel), HttpStatusCode.BadRequest, "no customer");
    }

    [Theory]
    [InlineData("{\"productId\": ", "malformed JSON")]
    [InlineData("{\"category\": \"fruit\"}", "missing product")]
    [InlineData("{\"productId\": \"6f0b5a43-6c35-4a5e-9a57-0d8b7e3f2a11\"}", "missing category")]
    [InlineData("{\"productId\": \"6f0b5a43-6c35-4a5e-9a57-0d8b7e3f2a11\", \"category\": \"fr\\u2066uit\"}", "bidi isolate in the category")]
    public async Task Invalid_catalog_item_is_refused_with_400_and_nothing_is_written(string body, string why)
    {
        var before = await CatalogRowsAsync();

        var response = await Api.Catalog.PostAsync("/catalog/items", Json(body), Cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, why);
        Assert.Equal(before, await CatalogRowsAsync());
    }

    [Fact]
    public async Task Catalog_item_for_an_unknown_product_is_refused_with_422_and_a_second_listing_with_409()
    {
        await AssertProblemAsync(await Api.AddCatalogItemAsync(Guid.NewGuid()), HttpStatusCode.UnprocessableEntity, "unknown product");

        var product = await Api.CreatePropagatedProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await Api.AddCatalogItemAsync(product.Id, "fruit")).StatusCode);
        var before = await CatalogRowsAsync();
        await AssertProblemAsync(await Api.AddCatalogItemAsync(product.Id, "fruit"), HttpStatusCode.Conflict, "listed twice");
        Assert.Equal(before, await CatalogRowsAsync());
    }

    private static string Order(string lines) =>
        "{\"customerId\": \"c-1\", \"customerName\": \"Ann\", \"customerEmail\": \"ann@example.com\", \"shippingAddress\": \"1 Main St\", \"lines\": " + lines + "}";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string why)
    {
        Assert.True(expected == response.StatusCode, $"{why}: expected {(int)expected}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(Cancel);
        Assert.Equal((int)expected, problem!.Status);
    }

    private async Task<(int Products, int Events)> ProductRowsAsync()
    {
        await using var scope = fixture.System.Product.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductsDbContext>();
        return (await db.Products.CountAsync(Cancel), await db.OutboxMessages.CountAsync(Cancel));
    }

    private async Task<(int Orders, int Lines)> OrderRowsAsync()
    {
        await using var scope = fixture.System.Order.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        return (await db.Orders.CountAsync(Cancel), await db.Set<OrderLine>().CountAsync(Cancel));
    }

    private async Task<int> CatalogRowsAsync()
    {
        await using var scope = fixture.System.Catalog.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().CatalogItems.CountAsync(Cancel);
    }
}
