using System.Net;
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

    private async Task<(int Pending, int Attempts)> PendingEventsAsync()
    {
        await using var scope = fixture.System.Product.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductsDbContext>();
        var pending = await db.OutboxMessages.Where(m => m.DispatchedAt == null).Select(m => m.Attempts).ToListAsync(Cancel);
        return (pending.Count, pending.DefaultIfEmpty(0).Max());
    }
}
