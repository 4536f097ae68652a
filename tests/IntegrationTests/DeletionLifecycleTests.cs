using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.CatalogService.Storage.Sqlite;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.OrderService.Orders;
using ProductCatalogOrders.ProductService.Deletion;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>The lifecycle over the real broker: confirmations, restore window, purge behind the deletion checks.</summary>
public sealed class DeletionLifecycleTests(LifecycleSystemFixture fixture) : IClassFixture<LifecycleSystemFixture>
{
    private static readonly TimeSpan RestorationWindow = new DeletionOptions().RestorationWindow;
    private static readonly TimeSpan RetentionPeriod = new DeletionOptions().RetentionPeriod;

    private Api Api => fixture.Api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Decommission_completes_only_after_both_consumers_confirm()
    {
        var product = await Api.CreatePropagatedProductAsync();
        await fixture.System.Order.StopAsync(Cancel);
        try
        {
            await Api.DecommissionAsync(product.Id);

            var waiting = await Eventually.MatchAsync(
                () => Api.GetDeletionAsync(product.Id),
                d => d.Consumers.Single(c => c.Consumer == "catalog").Confirmed,
                "Catalog confirms");
            Assert.Equal(ProductStatus.Decommissioning, waiting.Status);
            Assert.Equal(["order"], waiting.Pending);
            Assert.False(waiting.Consumers.Single(c => c.Consumer == "order").Confirmed);
            Assert.Equal(ProductStatus.Decommissioning, (await Api.GetProductAsync(product.Id))!.Status);

            fixture.Clock.Advance(TimeSpan.FromHours(2));
            var stuck = await Api.AllPagesAsync<DeletionSummary>(Api.Products, "/deletions?state=stuck");
            Assert.Equal(["order"], Assert.Single(stuck!, s => s.ProductId == product.Id).Pending);
        }
        finally
        {
            await fixture.System.Order.StartAsync(Cancel);
        }

        var done = await Eventually.MatchAsync(
            () => Api.GetDeletionAsync(product.Id), d => d.Status == ProductStatus.Decommissioned, "Order confirms after it returns");
        Assert.Empty(done.Pending);
        Assert.All(done.Consumers, c => Assert.NotNull(c.ConfirmedAt));
        Assert.NotNull(done.DecommissionCompletedAt);
        var stillStuck = await Api.AllPagesAsync<DeletionSummary>(Api.Products, "/deletions?state=stuck");
        Assert.DoesNotContain(stillStuck!, s => s.ProductId == product.Id);
    }

    [Fact]
    public async Task Restore_within_the_window_brings_the_product_back_everywhere()
    {
        var product = await Api.CreatePropagatedProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await Api.AddCatalogItemAsync(product.Id)).StatusCode);
        await Api.DecommissionCompletelyAsync(product.Id);
        fixture.Clock.Advance(RestorationWindow - TimeSpan.FromDays(1));

        var response = await Api.RestoreAsync(product.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var restored = (await response.Content.ReadFromJsonAsync<ProductResponse>(Api.Json, Cancel))!;
        Assert.Equal(ProductStatus.Active, restored.Status);
        await Api.WaitForReplicasAsync(product.Id, restored.Version);
        Assert.Contains(await Api.ListCatalogAsync(), i => i.ProductId == product.Id);
        Assert.Equal(HttpStatusCode.Created, (await Api.PlaceOrderAsync("restored-customer", (product.Id, 1))).StatusCode);

        // A duplicate of the old decommission arriving late changes nothing.
        var catalogConsumed = ConsumedProductEvents.For(fixture.System.Catalog, product.Id);
        var orderConsumed = ConsumedProductEvents.For(fixture.System.Order, product.Id);
        var bus = fixture.System.Product.Services.GetRequiredService<IBus>();
        await bus.Publish(
            new ProductDecommissionCompleted(product.Id, restored.Version - 1, DateTimeOffset.UtcNow, new ProductState(product.Sku, "Apple", 1.50m, ProductStatus.Decommissioned)),
            Cancel);
        await catalogConsumed.WaitForAsync(1);
        await orderConsumed.WaitForAsync(1);
        Assert.Equal(ProductStatus.Active, (await Api.GetReplicaAsync(Api.Catalog, product.Id))!.Status);
        Assert.Equal(ProductStatus.Active, (await Api.GetReplicaAsync(Api.Orders, product.Id))!.Status);
    }

    [Fact]
    public async Task Restore_after_the_window_is_refused_and_changes_nothing()
    {
        var product = await Api.CreatePropagatedProductAsync();
        var decommissioned = await Api.DecommissionCompletelyAsync(product.Id);
        fixture.Clock.Advance(RestorationWindow + TimeSpan.FromMinutes(1));

        var response = await Api.RestoreAsync(product.Id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("restoration window", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(decommissioned, await Api.GetProductAsync(product.Id));
    }

    [Fact]
    public async Task Purge_before_retention_is_refused_with_each_failed_check()
    {
        var product = await Api.CreatePropagatedProductAsync();
        await Api.DecommissionCompletelyAsync(product.Id);

        var response = await Api.PurgeAsync(product.Id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var failed = await FailedChecksAsync(response);
        Assert.Equal(["retention"], failed);
        Assert.Equal(ProductStatus.Decommissioned, (await Api.GetProductAsync(product.Id))!.Status);
    }

    [Fact]
    public async Task Purge_waits_for_open_orders_then_erases_the_master_data_and_keeps_a_tombstone()
    {
        var product = await Api.CreatePropagatedProductAsync(name: "Pear", price: 3.00m);
        Assert.Equal(HttpStatusCode.Created, (await Api.AddCatalogItemAsync(product.Id)).StatusCode);
        var order = await Api.PlaceOrderOkAsync("purge-customer", (product.Id, 2));
        await Api.DecommissionCompletelyAsync(product.Id);
        fixture.Clock.Advance(RetentionPeriod + TimeSpan.FromDays(1));

        var refused = await Api.PurgeAsync(product.Id);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(["dependency"], await FailedChecksAsync(refused));
        Assert.Contains("1 open order", await refused.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.OK, (await Api.Orders.PostAsync($"/orders/{order.Id}/fulfill", null, Cancel)).StatusCode);
        var dryRun = await (await Api.PurgeAsync(product.Id, dryRun: true)).Content.ReadFromJsonAsync<PurgeResponse>(Api.Json, Cancel);
        Assert.True(dryRun!.Allowed);
        Assert.Equal(ProductStatus.Decommissioned, (await Api.GetProductAsync(product.Id))!.Status);

        var purged = await Api.PurgeAsync(product.Id);

        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        var tombstone = (await Api.GetProductAsync(product.Id))!;
        Assert.Equal((product.Id, product.Sku, ProductStatus.Purged, "", 0m), (tombstone.Id, tombstone.Sku, tombstone.Status, tombstone.Name, tombstone.Price));
        Assert.NotNull(tombstone.PurgedAt);
        Assert.Equal(product.CreatedAt, tombstone.CreatedAt);
        await Api.WaitForReplicasAsync(product.Id, tombstone.Version);
        var confirmed = await Eventually.MatchAsync(
            () => Api.GetDeletionAsync(product.Id), d => d.PurgeCompletedAt is not null, "both consumers confirm the purge");
        Assert.Equal(["catalog", "order"], confirmed.PurgeConfirmations.Where(c => c.Confirmed).Select(c => c.Consumer));
        Assert.Empty(confirmed.Pending);

        // Catalog: items gone, cached data erased (deep reference). The consumer removes the items
        // after it has applied the tombstone, in a second step, so they may outlive it for a moment.
        await Eventually.MatchAsync(() => CatalogItemsOfAsync(product.Id), count => count == 0, "Catalog has removed the purged product's items");
        var cached = (await Api.GetReplicaAsync(Api.Catalog, product.Id))!;
        Assert.Equal((ProductStatus.Purged, "", 0m), (cached.Status, cached.Name, cached.Price));

        // Order: lines keep their snapshot and still resolve (shallow reference).
        var line = Assert.Single((await Api.GetOrderAsync(order.Id))!.Lines);
        Assert.Equal(("Pear", 3.00m, ProductStatus.Purged), (line.ProductName, line.UnitPrice, line.CurrentProductStatus));
        Assert.Equal("Pear", (await Api.GetReplicaAsync(Api.Orders, product.Id))!.Name);

        // Purging again answers with the tombstone and changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await Api.PurgeAsync(product.Id)).StatusCode);
        Assert.Equal(tombstone, await Api.GetProductAsync(product.Id));

        // Stale and duplicate events after the purge change nothing.
        var catalogConsumed = ConsumedProductEvents.For(fixture.System.Catalog, product.Id);
        var orderConsumed = ConsumedProductEvents.For(fixture.System.Order, product.Id);
        var bus = fixture.System.Product.Services.GetRequiredService<IBus>();
        var at = DateTimeOffset.UtcNow;
        await bus.Publish(new ProductRestored(product.Id, tombstone.Version - 1, at, new ProductState(product.Sku, "Pear", 3.00m, ProductStatus.Active)), Cancel);
        await bus.Publish(new ProductPurged(product.Id, tombstone.Version, at, new ProductState(product.Sku, "", 0m, ProductStatus.Purged)), Cancel);
        await catalogConsumed.WaitForAsync(2);
        await orderConsumed.WaitForAsync(2);
        Assert.Equal(ProductStatus.Purged, (await Api.GetReplicaAsync(Api.Catalog, product.Id))!.Status);
        Assert.Equal(("Pear", ProductStatus.Purged), ((await Api.GetReplicaAsync(Api.Orders, product.Id))!.Name, (await Api.GetReplicaAsync(Api.Orders, product.Id))!.Status));
        Assert.DoesNotContain(await Api.ListCatalogAsync(), i => i.ProductId == product.Id);
    }

    [Fact]
    public async Task Legal_hold_blocks_the_purge_until_it_is_lifted()
    {
        var product = await Api.CreatePropagatedProductAsync();
        await Api.DecommissionCompletelyAsync(product.Id);
        fixture.Clock.Advance(RetentionPeriod + TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.Products.PutAsJsonAsync($"/products/{product.Id}/legal-hold", new { reason = " " }, Cancel)).StatusCode);

        var held = await Api.Products.PutAsJsonAsync($"/products/{product.Id}/legal-hold", new { reason = "Litigation 2026-17" }, Cancel);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal("Litigation 2026-17", (await held.Content.ReadFromJsonAsync<ProductResponse>(Api.Json, Cancel))!.LegalHold!.Reason);

        var refused = await Api.PurgeAsync(product.Id);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(["legal-hold"], await FailedChecksAsync(refused));

        Assert.Equal(HttpStatusCode.OK, (await Api.Products.DeleteAsync($"/products/{product.Id}/legal-hold", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PurgeAsync(product.Id)).StatusCode);
        Assert.Equal(ProductStatus.Purged, (await Api.GetProductAsync(product.Id))!.Status);
    }

    [Fact]
    public async Task Dry_run_reports_every_verdict_and_changes_nothing()
    {
        var product = await Api.CreatePropagatedProductAsync();
        var decommissioned = await Api.DecommissionCompletelyAsync(product.Id);

        var response = await Api.PurgeAsync(product.Id, dryRun: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dryRun = (await response.Content.ReadFromJsonAsync<PurgeResponse>(Api.Json, Cancel))!;
        Assert.True(dryRun.DryRun);
        Assert.False(dryRun.Allowed);
        Assert.Equal(["retention", "authorization", "dependency", "legal-hold"], dryRun.Checks.Select(c => c.Check));
        Assert.Equal([false, true, true, true], dryRun.Checks.Select(c => c.Passed));
        Assert.Equal(decommissioned, await Api.GetProductAsync(product.Id));
    }

    [Fact]
    public async Task Restore_and_purge_of_an_Active_product_are_refused()
    {
        var product = await Api.CreatePropagatedProductAsync();

        Assert.Equal(HttpStatusCode.Conflict, (await Api.RestoreAsync(product.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Api.PurgeAsync(product.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.PurgeAsync(Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.Products.GetAsync("/deletions?state=whatever", Cancel)).StatusCode);
        Assert.Equal(product, await Api.GetProductAsync(product.Id));
    }

    internal static async Task<List<string>> FailedChecksAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return problem.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("check").GetString()!).ToList();
    }

    private async Task<int> CatalogItemsOfAsync(Guid productId)
    {
        await using var scope = fixture.System.Catalog.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().CatalogItems.CountAsync(i => i.ProductId == productId, Cancel);
    }
}

/// <summary>A caller whose token has product scopes but not products:purge.</summary>
public sealed class UnauthorizedPurgeTests(LifecycleSystemFixture fixture) : IClassFixture<LifecycleSystemFixture>
{
    [Fact]
    public async Task Purge_by_a_caller_without_the_permission_is_refused()
    {
        var api = fixture.Api;
        var intern = new Api(fixture.System, "u-4711", [Scopes.ProductsDecommission, Scopes.ProductsLegalHold], name: "intern");
        var product = await api.CreatePropagatedProductAsync();
        await api.DecommissionCompletelyAsync(product.Id);
        fixture.Clock.Advance(new DeletionOptions().RetentionPeriod + TimeSpan.FromDays(1));

        var response = await intern.PurgeAsync(product.Id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(["authorization"], await DeletionLifecycleTests.FailedChecksAsync(response));
        Assert.Contains("u-4711 (intern) does not hold products:purge", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ProductStatus.Decommissioned, (await api.GetProductAsync(product.Id))!.Status);
    }
}
