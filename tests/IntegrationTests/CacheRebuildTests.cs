using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.OrderService.Orders;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary><c>POST /cache/rebuild</c> while events keep flowing: the cache ends equal to the source, nothing comes back to life, a forged copy is overwritten and audited.</summary>
public sealed class CacheRebuildTests(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private Api Api => fixture.Api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rebuild_from_an_empty_cache_while_events_flow_ends_equal_to_the_source_without_resurrection()
    {
        var products = new List<ProductResponse>();
        for (var i = 0; i < 40; i++)
        {
            products.Add(await Api.CreatePropagatedProductAsync(name: $"Product {i}"));
        }

        foreach (var product in products.Take(5))
        {
            await Api.DecommissionCompletelyAsync(product.Id);
        }

        // Order's replica emptied by hand, but for one copy forged far ahead of the source.
        var forged = products[^1];
        await using (var scope = fixture.System.Order.Services.CreateAsyncScope())
        {
            var orders = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
            await orders.ProductReplicas.Where(r => r.ProductId != forged.Id).ExecuteDeleteAsync(Cancel);
            await orders.ProductReplicas.Where(r => r.ProductId == forged.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, 500L).SetProperty(r => r.Name, "Forged"), Cancel);
        }

        // Events keep flowing during the rebuild: renames, then decommissions.
        var underWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flowing = Task.Run(async () =>
        {
            foreach (var product in products.Skip(5).Take(20))
            {
                var renamed = await Api.Products.PutAsJsonAsync($"/products/{product.Id}", new { name = "Renamed", price = 2m }, Api.Json, Cancel);
                Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
                await Api.DecommissionAsync(product.Id);
                underWay.TrySetResult();
            }
        }, Cancel);

        await underWay.Task;
        var result = await Reconciliations.RebuildAsync(Api.Orders);
        await flowing;

        Assert.Equal([forged.Id], result.OverwrittenAhead);

        // Once the last events (the decommissions' completions) have landed, the replica is the source, row for row.
        var (source, replica) = await Eventually.MatchAsync(
            async () => (await SourceAsync(), await OrderReplicaAsync()),
            both => both.Item1.SequenceEqual(both.Item2),
            "Order's replica equals ProductService's products",
            TimeSpan.FromSeconds(60));
        Assert.Equal(source, replica);
        Assert.Equal(40, replica.Count);
        Assert.Equal(25, replica.Count(r => r.Item3 is ProductStatus.Decommissioning or ProductStatus.Decommissioned));

        var audit = await Api.Orders.GetFromJsonAsync<AuditPage>($"/audit?resourceId={forged.Id}", Api.Json, Cancel);
        var overwrite = Assert.Single(audit!.Items);
        Assert.Equal(("overwrite-ahead", "product-cache", Api.Subject), (overwrite.Action, overwrite.ResourceType, overwrite.Actor));
        Assert.Contains("version 500", overwrite.Detail);
    }

    private async Task<List<(Guid, long, ProductStatus, string)>> SourceAsync() =>
        [.. (await Api.AllPagesAsync<ProductResponse>(Api.Products, "/products", limit: 1000)).Select(p => (p.Id, p.Version, p.Status, p.Name)).OrderBy(p => p.Id)];

    private async Task<List<(Guid, long, ProductStatus, string)>> OrderReplicaAsync()
    {
        await using var scope = fixture.System.Order.Services.CreateAsyncScope();
        var replicas = await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().ProductReplicas.AsNoTracking().ToListAsync(Cancel);
        return [.. replicas.Select(r => (r.ProductId, r.Version, r.Status, r.Name)).OrderBy(r => r.ProductId)];
    }
}
