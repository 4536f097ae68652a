using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.IntegrationTests.Infrastructure;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>Decommission end to end: three services on real sockets, one real broker, a SQLite database each.</summary>
public sealed class DecommissionTests(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private Api Api => fixture.Api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Decommissioned_product_disappears_from_the_catalog_but_stays_cached_as_a_tombstone()
    {
        var product = await Api.CreatePropagatedProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await Api.AddCatalogItemAsync(product.Id)).StatusCode);
        Assert.Contains(await Api.ListCatalogAsync(), i => i.ProductId == product.Id && i.Name == "Apple" && i.Price == 1.50m);

        var decommissioning = await Api.DecommissionAsync(product.Id);

        Assert.Equal(ProductStatus.Decommissioning, decommissioning.Status);
        await Eventually.MatchAsync(Api.ListCatalogAsync, items => items.All(i => i.ProductId != product.Id), "the item leaves the catalog");
        var decommissioned = await Eventually.MatchAsync(
            () => Api.GetProductAsync(product.Id), p => p?.Status == ProductStatus.Decommissioned, "both consumers confirm");
        await Api.WaitForReplicasAsync(product.Id, decommissioned!.Version);
        var tombstone = await Api.GetReplicaAsync(Api.Catalog, product.Id);
        Assert.Equal((ProductStatus.Decommissioned, decommissioned.Version, "Apple"), (tombstone!.Status, tombstone.Version, tombstone.Name));
    }

    [Fact]
    public async Task New_orders_and_catalog_items_for_a_decommissioned_product_are_refused()
    {
        var product = await Api.CreatePropagatedProductAsync();
        await Api.DecommissionCompletelyAsync(product.Id);

        var order = await Api.PlaceOrderAsync("refused-customer", (product.Id, 1));
        var item = await Api.AddCatalogItemAsync(product.Id);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, order.StatusCode);
        Assert.Contains("Decommissioned", await order.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, item.StatusCode);
        Assert.Equal("application/problem+json", order.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_existing_order_line_still_resolves_after_decommission()
    {
        var products = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            products.Add((await Api.CreatePropagatedProductAsync(name: $"Product {i}", price: 10m + i)).Id);
        }

        var customer = $"customer-{Guid.NewGuid():N}";
        var orders = new List<Guid>
        {
            (await Api.PlaceOrderOkAsync(customer, (products[0], 1), (products[1], 2))).Id,
            (await Api.PlaceOrderOkAsync(customer, (products[1], 1), (products[2], 5))).Id,
        };

        foreach (var id in products.Take(2))
        {
            await Api.DecommissionCompletelyAsync(id);
        }

        foreach (var orderId in orders)
        {
            var order = await Api.GetOrderAsync(orderId);
            Assert.NotNull(order);
            foreach (var line in order.Lines)
            {
                // No orphan: the line resolves in ProductService, and OrderService agrees on its status.
                var master = await Api.GetProductAsync(line.ProductId);
                Assert.NotNull(master);
                Assert.Equal(master.Status, line.CurrentProductStatus);
                Assert.Equal(master.Sku, line.ProductSku);
            }
        }

        var first = await Api.GetOrderAsync(orders[0]);
        Assert.Equal([ProductStatus.Decommissioned, ProductStatus.Decommissioned], first!.Lines.Select(l => l.CurrentProductStatus));
        Assert.Equal(32m, first.Total); // 1 x 10 + 2 x 11: the price snapshot, not anything looked up now
        var history = await Api.AllPagesAsync<ProductCatalogOrders.OrderService.Orders.OrderResponse>(
            Api.Orders, $"/orders?customerId={customer}", limit: 1);
        Assert.Equal(orders.Order(), history!.Select(o => o.Id).Order());
    }

    [Fact]
    public async Task Every_product_event_brings_both_replicas_to_the_source_version()
    {
        var product = await Api.CreatePropagatedProductAsync();
        await ExpectReplicasAtSourceAsync(product.Id, "created");

        Assert.Equal(HttpStatusCode.OK, (await Api.Products.PutAsJsonAsync($"/products/{product.Id}", new { name = "Renamed", price = 2.00m }, Api.Json, Cancel)).StatusCode);
        await ExpectReplicasAtSourceAsync(product.Id, "updated");

        Assert.Equal(HttpStatusCode.OK, (await Api.Products.PutAsJsonAsync($"/products/{product.Id}/legal-hold", new { reason = "Audit 7" }, Api.Json, Cancel)).StatusCode);
        await ExpectReplicasAtSourceAsync(product.Id, "legal hold placed");

        await Api.DecommissionCompletelyAsync(product.Id);
        await ExpectReplicasAtSourceAsync(product.Id, "decommission completed");

        Assert.Equal(HttpStatusCode.OK, (await Api.Products.DeleteAsync($"/products/{product.Id}/legal-hold", Cancel)).StatusCode);
        var lifted = await ExpectReplicasAtSourceAsync(product.Id, "legal hold lifted");
        Assert.Equal(ProductStatus.Decommissioned, lifted.Status);

        Assert.Equal(HttpStatusCode.OK, (await Api.RestoreAsync(product.Id)).StatusCode);
        var restored = await ExpectReplicasAtSourceAsync(product.Id, "restored");
        Assert.Equal((ProductStatus.Active, "Renamed"), (restored.Status, restored.Name));
    }

    /// <summary>Waits until both replicas hold exactly ProductService's version and status.</summary>
    private async Task<ProductReplicaResponse> ExpectReplicasAtSourceAsync(Guid productId, string after)
    {
        var source = (await Api.GetProductAsync(productId))!;
        ProductReplicaResponse? replica = null;
        foreach (var (name, service) in new[] { ("catalog", Api.Catalog), ("order", Api.Orders) })
        {
            replica = await Eventually.MatchAsync(
                () => Api.GetReplicaAsync(service, productId),
                r => r?.Version == source.Version && r.Status == source.Status,
                $"after {after}, the {name} replica is at version {source.Version} ({source.Status})");
        }

        return replica!;
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_events_change_nothing()
    {
        var product = await Api.CreateProductAsync(name: "Original");
        var renamed = await Api.Products.PutAsJsonAsync($"/products/{product.Id}", new { name = "Renamed", price = 2.00m }, Api.Json, Cancel);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var decommissioned = await Api.DecommissionCompletelyAsync(product.Id);
        var catalogConsumed = ConsumedProductEvents.For(fixture.System.Catalog, product.Id);
        var orderConsumed = ConsumedProductEvents.For(fixture.System.Order, product.Id);

        // Replay history the wrong way round, through the real broker: a duplicate of the newest
        // event, a stale update that would resurrect the product, and the original creation.
        var bus = fixture.System.Product.Services.GetRequiredService<IBus>();
        var at = DateTimeOffset.UtcNow;
        await bus.Publish(new ProductDecommissionCompleted(product.Id, decommissioned.Version, at, new ProductState(product.Sku, "Renamed", 2.00m, ProductStatus.Decommissioned)), Cancel);
        await bus.Publish(new ProductUpdated(product.Id, 2, at, new ProductState(product.Sku, "Resurrected", 2.00m, ProductStatus.Active)), Cancel);
        await bus.Publish(new ProductCreated(product.Id, 1, at, new ProductState(product.Sku, "Original", 1.50m, ProductStatus.Active)), Cancel);

        await catalogConsumed.WaitForAsync(3);
        await orderConsumed.WaitForAsync(3);
        foreach (var service in new[] { Api.Catalog, Api.Orders })
        {
            var replica = await Api.GetReplicaAsync(service, product.Id);
            Assert.Equal((ProductStatus.Decommissioned, decommissioned.Version, "Renamed"), (replica!.Status, replica.Version, replica.Name));
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Api.PlaceOrderAsync("late-customer", (product.Id, 1))).StatusCode);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_lands_in_the_error_queue()
    {
        var formatter = fixture.System.Catalog.Services.GetRequiredService<IEndpointNameFormatter>();
        var errorQueue = formatter.Consumer<ProductDecommissionedConsumer>() + "_error";
        var before = await RabbitQueues.MessageCountAsync(fixture.System.Catalog, errorQueue);

        // An event without its product state cannot be applied, however often it is retried.
        var bus = fixture.System.Product.Services.GetRequiredService<IBus>();
        await bus.Publish(new ProductDecommissioned(Guid.NewGuid(), 7, DateTimeOffset.UtcNow, null!), Cancel);

        await Eventually.MatchAsync(
            () => RabbitQueues.MessageCountAsync(fixture.System.Catalog, errorQueue), n => n > before, $"the poison message reaches {errorQueue}");
    }
}
