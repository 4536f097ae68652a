using System.Net;
using System.Net.Http.Json;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.IntegrationTests.Infrastructure;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>The durable audit trail: every change names the token's actor, in the service's own store, read by admin in keyset pages.</summary>
public sealed class AuditTrailTests(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_change_is_recorded_with_the_actor_from_the_token_in_keyset_pages()
    {
        var dana = new Api(fixture.System, "u-dana", Api.StaffScopes, name: "Dana Admin");
        var product = await dana.CreatePropagatedProductAsync();
        await dana.DecommissionAsync(product.Id);

        var first = await dana.Products.GetFromJsonAsync<AuditPage>($"/audit?resourceId={product.Id}&limit=1", Api.Json, Cancel);
        var second = await dana.Products.GetFromJsonAsync<AuditPage>($"/audit?resourceId={product.Id}&limit=1&after={first!.Next}", Api.Json, Cancel);

        var entries = first.Items.Concat(second!.Items).ToList();
        Assert.Equal(["create", "decommission"], entries.Select(e => e.Action).ToArray());
        Assert.All(entries, e => Assert.Equal("u-dana (Dana Admin)", e.Actor));
        Assert.All(entries, e => Assert.Equal(product.Id.ToString(), e.ResourceId));
        Assert.NotNull(first.Next);
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Decommissions_committed_together_each_record_their_own_actor_once()
    {
        // Concurrent decommissions share transactions under load; each keeps its own audit entry and actor.
        var callers = new[] { new Api(fixture.System, "u-ana", Api.StaffScopes), new Api(fixture.System, "u-ben", Api.StaffScopes) };
        var products = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => fixture.Api.CreateProductAsync()));
        using var start = new SemaphoreSlim(0);
        var calls = products.Select(async (product, i) =>
        {
            await start.WaitAsync(Cancel);
            using var response = await callers[i % 2].Products.PostAsync($"/products/{product.Id}/decommission", null, Cancel);
            return response.StatusCode;
        }).ToList();
        start.Release(calls.Count);
        Assert.All(await Task.WhenAll(calls), status => Assert.Equal(HttpStatusCode.Accepted, status));

        for (var i = 0; i < products.Length; i++)
        {
            var page = await fixture.Api.Products.GetFromJsonAsync<AuditPage>($"/audit?resourceId={products[i].Id}", Api.Json, Cancel);
            var decommission = Assert.Single(page!.Items, e => e.Action == "decommission");
            Assert.Equal(i % 2 == 0 ? "u-ana" : "u-ben", decommission.Actor);
            Assert.Contains((await fixture.Api.GetProductAsync(products[i].Id))!.Status, new[] { ProductStatus.Decommissioning, ProductStatus.Decommissioned });
        }
    }

    [Fact]
    public async Task Orders_record_who_placed_and_who_fulfilled()
    {
        var product = await fixture.Api.CreatePropagatedProductAsync();
        var customer = new Api(fixture.System, "cust-7", [], name: "Ann Example", customerId: "c-7");
        var clerk = new Api(fixture.System, "u-clerk", Api.StaffScopes);

        var order = await customer.PlaceOrderOkAsync("c-7", (product.Id, 1));
        (await clerk.Orders.PostAsync($"/orders/{order.Id}/fulfill", null, Cancel)).EnsureSuccessStatusCode();

        var page = await clerk.Orders.GetFromJsonAsync<AuditPage>($"/audit?resourceId={order.Id}", Api.Json, Cancel);
        Assert.Equal([("place", "cust-7 (Ann Example)"), ("fulfill", "u-clerk")], page!.Items.Select(e => (e.Action, e.Actor)).ToArray());
    }

    [Fact]
    public async Task Catalog_records_who_listed_an_item_and_a_refused_listing_records_nothing()
    {
        var product = await fixture.Api.CreatePropagatedProductAsync();
        var editor = new Api(fixture.System, "u-editor", Api.StaffScopes, name: "Eve Editor");

        var listed = await editor.AddCatalogItemAsync(product.Id, "fruit");
        listed.EnsureSuccessStatusCode();
        var item = await listed.Content.ReadFromJsonAsync<CatalogItemResponse>(Api.Json, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.AddCatalogItemAsync(product.Id, "fruit")).StatusCode);

        var page = await editor.Catalog.GetFromJsonAsync<AuditPage>($"/audit?resourceId={item!.Id}", Api.Json, Cancel);
        var entry = Assert.Single(page!.Items);
        Assert.Equal(("list", "catalog-item", "u-editor (Eve Editor)"), (entry.Action, entry.ResourceType, entry.Actor));
        Assert.Contains(product.Sku, entry.Detail);
    }
}
