using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>A system whose every broker connection runs through a relay the test can cut.</summary>
public sealed class OutageSystemFixture(TestBroker broker) : SystemFixture(broker)
{
    public BrokerOutageProxy Proxy { get; } = new(broker.Uri);

    protected override Uri ServiceBroker => Proxy.Uri;

    public override async ValueTask DisposeAsync()
    {
        Proxy.Restore(); // let the services shut down cleanly
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}

public sealed class BrokerOutageTests(OutageSystemFixture fixture) : IClassFixture<OutageSystemFixture>
{
    private Api Api => fixture.Api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_committed_while_the_broker_is_down_arrive_after_it_returns()
    {
        var existing = await Api.CreatePropagatedProductAsync();

        fixture.Proxy.Cut();
        // ProductService keeps serving: the changes and their events commit to its own database.
        var created = await Api.CreateProductAsync(name: "Created during the outage");
        var decommissioned = await Api.DecommissionAsync(existing.Id);
        var stuck = await Eventually.MatchAsync(PendingEventsAsync, p => p.Attempts > 0, "the dispatcher has tried and failed to publish");
        Assert.Equal(2, stuck.Pending);
        Assert.Null(await Api.GetReplicaAsync(Api.Catalog, created.Id));

        fixture.Proxy.Restore();

        await Api.WaitForReplicasAsync(created.Id, created.Version, TimeSpan.FromSeconds(60));
        await Api.WaitForReplicasAsync(existing.Id, decommissioned.Version, TimeSpan.FromSeconds(60));
        Assert.NotEqual(ProductStatus.Active, (await Api.GetReplicaAsync(Api.Orders, existing.Id))!.Status);
        await Eventually.MatchAsync(
            () => Api.GetProductAsync(existing.Id), p => p?.Status == ProductStatus.Decommissioned, "the confirmations complete the decommission");
        Assert.Equal(HttpStatusCode.Created, (await Api.PlaceOrderAsync("after-outage", (created.Id, 1))).StatusCode);
        await Eventually.MatchAsync(PendingEventsAsync, p => p.Pending == 0, "the outbox is drained");
    }

    [Fact]
    public async Task A_broker_outage_degrades_health_but_keeps_every_service_in_rotation()
    {
        foreach (var service in new[] { Api.Products, Api.Catalog, Api.Orders })
        {
            // The other outage test in this class may have just ended: its recovery is reported within seconds.
            var healthy = await Eventually.MatchAsync(
                () => HealthAsync(service), h => h.Status == "Healthy", $"{service.BaseAddress} is healthy before the outage", TimeSpan.FromSeconds(60));
            Assert.Equal((HttpStatusCode.OK, "Healthy"), (healthy.Code, healthy.Status));
            Assert.Equal("Healthy", healthy.Checks["store"]);
            Assert.Equal("Healthy", healthy.Checks["bus"]);
        }

        fixture.Proxy.Cut();
        try
        {
            foreach (var service in new[] { Api.Products, Api.Catalog, Api.Orders })
            {
                var degraded = await Eventually.MatchAsync(
                    () => HealthAsync(service), h => h.Checks["bus"] != "Healthy", $"{service.BaseAddress} notices the outage");
                Assert.Equal((HttpStatusCode.OK, "Degraded"), (degraded.Code, degraded.Status)); // 200: stays in rotation
                Assert.Equal("Degraded", degraded.Checks["bus"]);
                Assert.Equal("Healthy", degraded.Checks["store"]);
            }

            Assert.Equal(HttpStatusCode.Created, (await Api.Products.PostAsJsonAsync(
                "/products", new { sku = Api.NewSku(), name = "Still served", price = 1m }, Api.Json, Cancel)).StatusCode);
        }
        finally
        {
            fixture.Proxy.Restore();
        }

        foreach (var service in new[] { Api.Products, Api.Catalog, Api.Orders })
        {
            await Eventually.MatchAsync(() => HealthAsync(service), h => h.Status == "Healthy", $"{service.BaseAddress} recovers", TimeSpan.FromSeconds(60));
        }

        // The product created during the outage was buffered, not lost: its event goes out now.
        await Eventually.MatchAsync(PendingEventsAsync, p => p.Pending == 0, "the outbox is drained", TimeSpan.FromSeconds(60));
    }

    private static async Task<(HttpStatusCode Code, string Status, Dictionary<string, string> Checks)> HealthAsync(HttpClient service)
    {
        using var response = await service.GetAsync("/health", Cancel);
        var body = await response.Content.ReadFromJsonAsync<HealthBody>(Cancel);
        return (response.StatusCode, body!.Status, body.Checks.ToDictionary(c => c.Name, c => c.Status));
    }

    private sealed record HealthBody(string Status, List<HealthEntry> Checks);

    private sealed record HealthEntry(string Name, string Status, string? Description);

    private async Task<(int Pending, int Attempts)> PendingEventsAsync()
    {
        await using var scope = fixture.System.Product.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductsDbContext>();
        var pending = await db.OutboxMessages.Where(m => m.DispatchedAt == null).Select(m => m.Attempts).ToListAsync(Cancel);
        return (pending.Count, pending.DefaultIfEmpty(0).Max());
    }
}
