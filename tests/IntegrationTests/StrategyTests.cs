using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.CatalogService.Storage.Sqlite;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.InProcessHosting;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>Each strategy's defining property, on the real services, broker and databases.</summary>
public static class StrategyAssertions
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Every catalog item and every order line in the system, each resolved in ProductService and in its
    /// own service's replica: the ones whose product either of them cannot return, described.
    /// </summary>
    /// <param name="expectReferences">
    /// False only where the test has just removed every reference it made, so an empty system is the
    /// expected state rather than a check that looked at nothing.
    /// </param>
    public static async Task<List<string>> OrphansAsync(SystemFixture fixture, bool expectReferences = true)
    {
        await using var catalogScope = fixture.System.Catalog.Services.CreateAsyncScope();
        var catalog = catalogScope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var items = await catalog.CatalogItems.AsNoTracking().Select(i => new { i.Id, i.ProductId }).ToListAsync(Cancel);
        var catalogReplicas = await catalog.ProductReplicas.AsNoTracking().Select(r => r.ProductId).ToListAsync(Cancel);

        await using var orderScope = fixture.System.Order.Services.CreateAsyncScope();
        var orders = orderScope.ServiceProvider.GetRequiredService<ProductCatalogOrders.OrderService.Orders.OrdersDbContext>();
        var lines = (await orders.Orders.AsNoTracking().Include(o => o.Lines).ToListAsync(Cancel))
            .SelectMany(o => o.Lines.Select(l => new { o.Id, l.ProductId })).ToList();
        var orderReplicas = await orders.ProductReplicas.AsNoTracking().Select(r => r.ProductId).ToListAsync(Cancel);

        var known = new Dictionary<Guid, bool>();
        async Task<bool> KnownToProductServiceAsync(Guid productId)
        {
            if (!known.TryGetValue(productId, out var found))
            {
                known[productId] = found = await fixture.Api.GetProductAsync(productId) is not null;
            }

            return found;
        }

        var orphans = new List<string>();
        foreach (var item in items)
        {
            if (!await KnownToProductServiceAsync(item.ProductId))
            {
                orphans.Add($"catalog item {item.Id}: product {item.ProductId} unknown to ProductService");
            }

            if (!catalogReplicas.Contains(item.ProductId))
            {
                orphans.Add($"catalog item {item.Id}: product {item.ProductId} missing from Catalog's replica");
            }
        }

        foreach (var line in lines)
        {
            if (!await KnownToProductServiceAsync(line.ProductId))
            {
                orphans.Add($"order {line.Id} line: product {line.ProductId} unknown to ProductService");
            }

            if (!orderReplicas.Contains(line.ProductId))
            {
                orphans.Add($"order {line.Id} line: product {line.ProductId} missing from Order's replica");
            }
        }

        Assert.True(!expectReferences || items.Count + lines.Count > 0, "no catalog item or order line to check: the check would prove nothing");
        return orphans;
    }

    public static async Task<T> WhileStoppedAsync<T>(ServiceHost service, Func<Task<T>> action)
    {
        await service.StopAsync(Cancel);
        try
        {
            return await action();
        }
        finally
        {
            await service.StartAsync(Cancel);
        }
    }
}

public sealed class JustDeleteStrategyTests(JustDeleteSystem fixture) : IClassFixture<JustDeleteSystem>
{
    [Fact]
    public async Task JustDelete_removes_the_row_and_leaves_orphaned_references()
    {
        var api = fixture.Api;
        var product = await api.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await api.AddCatalogItemAsync(product.Id)).StatusCode);
        var order = await api.PlaceOrderOkAsync("just-delete", (product.Id, 1));

        var response = await api.Products.DeleteAsync($"/products/{product.Id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await api.GetProductAsync(product.Id));
        var orphans = await StrategyAssertions.OrphansAsync(fixture);
        Assert.Equal(2, orphans.Count(o => o.Contains($"product {product.Id} unknown to ProductService", StringComparison.Ordinal)));
        Assert.Contains(orphans, o => o.StartsWith($"order {order.Id} line", StringComparison.Ordinal));
        Assert.DoesNotContain(await api.ListCatalogAsync(), i => i.ProductId == product.Id);
    }
}

public sealed class SynchronousCoordinationStrategyTests(SynchronousCoordinationSystem fixture) : IClassFixture<SynchronousCoordinationSystem>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SynchronousCoordination_refuses_while_a_dependent_is_down_and_leaves_no_orphans()
    {
        var api = fixture.Api;
        var unordered = await api.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await api.AddCatalogItemAsync(unordered.Id)).StatusCode);

        var whileDown = await StrategyAssertions.WhileStoppedAsync(
            fixture.System.Catalog, () => api.Products.DeleteAsync($"/products/{unordered.Id}", Cancel));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.StatusCode);
        Assert.Equal(ProductStatus.Active, (await api.GetProductAsync(unordered.Id))!.Status); // put back as it was

        Assert.Equal(HttpStatusCode.NoContent, (await api.Products.DeleteAsync($"/products/{unordered.Id}", Cancel)).StatusCode);
        Assert.Null(await api.GetProductAsync(unordered.Id));
        // The delete released the product's only item; whatever other tests left must still resolve.
        Assert.Empty(await StrategyAssertions.OrphansAsync(fixture, expectReferences: false));
        await using var scope = fixture.System.Catalog.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().CatalogItems.AnyAsync(i => i.ProductId == unordered.Id, Cancel));
    }

    [Fact]
    public async Task SynchronousCoordination_refuses_to_delete_a_product_that_orders_reference()
    {
        var api = fixture.Api;
        var ordered = await api.CreateProductAsync();
        var order = await api.PlaceOrderOkAsync("coordinated", (ordered.Id, 1));

        var refused = await api.Products.DeleteAsync($"/products/{ordered.Id}", Cancel);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("OrderService refused", await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(ProductStatus.Active, (await api.GetProductAsync(ordered.Id))!.Status);
        Assert.Empty(await StrategyAssertions.OrphansAsync(fixture));
    }
}

public sealed class JustDontDeleteStrategyTests(JustDontDeleteSystem fixture) : IClassFixture<JustDontDeleteSystem>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JustDontDelete_loses_order_availability_during_a_ProductService_outage_and_leaves_no_orphans()
    {
        var api = fixture.Api;
        var product = await api.CreateProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await api.AddCatalogItemAsync(product.Id)).StatusCode);
        var order = await api.PlaceOrderOkAsync("dont-delete", (product.Id, 1));

        var (orderDuringOutage, catalogDuringOutage) = await StrategyAssertions.WhileStoppedAsync(fixture.System.Product, async () =>
            (await api.PlaceOrderAsync("dont-delete", (product.Id, 1)), await api.Catalog.GetAsync("/catalog/items", Cancel)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, orderDuringOutage.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, catalogDuringOutage.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await api.Products.DeleteAsync($"/products/{product.Id}", Cancel)).StatusCode);
        await api.DecommissionAsync(product.Id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.PlaceOrderAsync("dont-delete", (product.Id, 1))).StatusCode);
        Assert.Empty(await StrategyAssertions.OrphansAsync(fixture));
    }
}

public sealed class AsynchronousUpdateStrategyTests(AsynchronousUpdateSystem fixture) : IClassFixture<AsynchronousUpdateSystem>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AsynchronousUpdate_keeps_full_order_availability_through_the_outage_and_leaves_no_orphans()
    {
        var api = fixture.Api;
        var product = await api.CreatePropagatedProductAsync();
        Assert.Equal(HttpStatusCode.Created, (await api.AddCatalogItemAsync(product.Id)).StatusCode);
        var before = await api.PlaceOrderOkAsync("async", (product.Id, 1));

        var (orderDuringOutage, catalogDuringOutage) = await StrategyAssertions.WhileStoppedAsync(fixture.System.Product, async () =>
            (await api.PlaceOrderAsync("async", (product.Id, 1)), await api.ListCatalogAsync()));

        Assert.Equal(HttpStatusCode.Created, orderDuringOutage.StatusCode);
        Assert.Contains(catalogDuringOutage, i => i.ProductId == product.Id);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await api.Products.DeleteAsync($"/products/{product.Id}", Cancel)).StatusCode);
        await api.DecommissionCompletelyAsync(product.Id);
        var during = (await orderDuringOutage.Content.ReadFromJsonAsync<ProductCatalogOrders.OrderService.Orders.OrderResponse>(Api.Json, Cancel))!;
        Assert.Empty(await StrategyAssertions.OrphansAsync(fixture));
        Assert.Equal(ProductStatus.Decommissioned, (await api.GetProductAsync(product.Id))!.Status);
    }
}
