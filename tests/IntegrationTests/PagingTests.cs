using System.Net;
using System.Net.Http.Json;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>Lists that grow come a keyset page at a time: every item once, in order, and bad paging input is a 400.</summary>
public sealed class PagingTests(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private Api Api => fixture.Api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Catalog_pages_walk_every_item_once_in_sku_then_category_order()
    {
        for (var i = 0; i < 4; i++)
        {
            var product = await Api.CreatePropagatedProductAsync(name: $"Paged {i}");
            Assert.Equal(HttpStatusCode.Created, (await Api.AddCatalogItemAsync(product.Id, "fruit")).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await Api.AddCatalogItemAsync(product.Id, "autumn")).StatusCode);
        }

        var whole = await Api.Catalog.GetFromJsonAsync<Page<CatalogItemResponse>>("/catalog/items?limit=1000", Api.Json, Cancel);
        var walked = await Api.AllPagesAsync<CatalogItemResponse>(Api.Catalog, "/catalog/items", limit: 3);

        Assert.Null(whole!.Next);
        Assert.True(whole.Items.Count >= 8);
        Assert.Equal(whole.Items.Select(i => i.Id), walked.Select(i => i.Id));
        Assert.Equal(
            walked.OrderBy(i => i.Sku, StringComparer.Ordinal).ThenBy(i => i.Category, StringComparer.Ordinal).Select(i => i.Id),
            walked.Select(i => i.Id));
        var first = await Api.Catalog.GetFromJsonAsync<Page<CatalogItemResponse>>("/catalog/items?limit=3", Api.Json, Cancel);
        Assert.Equal(3, first!.Items.Count);
        Assert.NotNull(first.Next);
    }

    [Fact]
    public async Task A_customers_orders_come_newest_first_a_page_at_a_time()
    {
        var product = await Api.CreatePropagatedProductAsync();
        var customer = $"pager-{Guid.NewGuid():N}";
        var placed = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            placed.Add((await Api.PlaceOrderOkAsync(customer, (product.Id, 1))).Id);
        }

        var walked = await Api.AllPagesAsync<OrderResponse>(Api.Orders, $"/orders?customerId={customer}", limit: 2);

        Assert.Equal(Enumerable.Reverse(placed), walked.Select(o => o.Id));
        Assert.All(walked, o => Assert.Equal(customer, o.CustomerId));
    }

    public static TheoryData<string, string> BadPaging => new()
    {
        { "catalog", "/catalog/items?limit=0" },
        { "catalog", "/catalog/items?limit=1001" },
        { "catalog", "/catalog/items?after=not-a-cursor" },
        { "catalog", "/catalog/items?after=WyJvbmx5LW9uZSJd" }, // a cursor of one part: ["only-one"]
        { "orders", "/orders?customerId=c-1&limit=-5" },
        { "orders", "/orders?customerId=c-1&after=%%%" },
        { "products", "/deletions?state=in-progress&limit=100000" },
        { "products", "/deletions?state=in-progress&after=e30" }, // {} is not a cursor
    };

    [Theory]
    [MemberData(nameof(BadPaging))]
    public async Task Bad_limit_or_cursor_is_refused_with_400(string service, string path)
    {
        var client = service switch { "catalog" => Api.Catalog, "orders" => Api.Orders, _ => Api.Products };

        var response = await client.GetAsync(path, Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: expected 400, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
