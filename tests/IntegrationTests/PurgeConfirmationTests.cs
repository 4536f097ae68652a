using System.Net;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.ProductService.Deletion;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// The system with a third registered consumer, "audit", that is not running: the test confirms on
/// its behalf, so a purge can be seen waiting for one consumer and completing when it confirms.
/// </summary>
public sealed class ThreeConsumerLifecycleSystemFixture(TestBroker broker) : LifecycleSystemFixture(broker)
{
    public const string AbsentConsumer = "audit";

    protected override LocalSystemOptions Configure(LocalSystemOptions options) => base.Configure(options) with
    {
        Settings = new Dictionary<string, string?>(options.Settings) { ["Deletion:Consumers"] = $"catalog,order,{AbsentConsumer}" },
    };
}

/// <summary>Purges are confirmed like decommissions: by every registered consumer, once each, whatever is redelivered.</summary>
public sealed class PurgeConfirmationTests(ThreeConsumerLifecycleSystemFixture fixture) : IClassFixture<ThreeConsumerLifecycleSystemFixture>
{
    private const string Absent = ThreeConsumerLifecycleSystemFixture.AbsentConsumer;

    private Api Api => fixture.Api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_purge_is_complete_only_when_every_registered_consumer_confirmed_it()
    {
        var product = await Api.CreatePropagatedProductAsync();
        var decommissioning = await Api.DecommissionAsync(product.Id);
        var bus = fixture.System.Product.Services.GetRequiredService<IBus>();
        await bus.Publish(new ProductDecommissionConfirmed(product.Id, decommissioning.Version, Absent, DateTimeOffset.UtcNow), Cancel);
        var decommissioned = await Eventually.MatchAsync(
            () => Api.GetProductAsync(product.Id), p => p?.Status == ProductStatus.Decommissioned, "all three consumers confirm the decommission");
        await Api.WaitForReplicasAsync(product.Id, decommissioned!.Version);
        fixture.Clock.Advance(new DeletionOptions().RetentionPeriod + TimeSpan.FromDays(1));

        Assert.Equal(HttpStatusCode.OK, (await Api.PurgeAsync(product.Id)).StatusCode);

        var waiting = await Eventually.MatchAsync(
            () => Api.GetDeletionAsync(product.Id),
            d => d.PurgeConfirmations.Count(c => c.Confirmed) == 2,
            "Catalog and Order confirm the purge");
        Assert.Equal(ProductStatus.Purged, waiting.Status);
        Assert.Null(waiting.PurgeCompletedAt);
        Assert.Equal([Absent], waiting.Pending);
        Assert.Equal(["catalog", "order"], waiting.PurgeConfirmations.Where(c => c.Confirmed).Select(c => c.Consumer));
        Assert.All(waiting.Consumers, c => Assert.True(c.Confirmed)); // the decommission's confirmations stay as they were

        // The same confirmation twice, as a redelivery would send it: one row per consumer and purge.
        await bus.Publish(new ProductPurgeConfirmed(product.Id, waiting.Version, Absent, DateTimeOffset.UtcNow), Cancel);
        await bus.Publish(new ProductPurgeConfirmed(product.Id, waiting.Version, Absent, DateTimeOffset.UtcNow), Cancel);

        var complete = await Eventually.MatchAsync(
            () => Api.GetDeletionAsync(product.Id), d => d.PurgeCompletedAt is not null, "the last consumer confirms the purge");
        Assert.Empty(complete.Pending);
        Assert.Equal(["catalog", "order", Absent], complete.PurgeConfirmations.Select(c => c.Consumer));
    }

    [Fact]
    public async Task A_purge_confirmation_lost_on_the_way_is_sent_again_when_the_purge_is_redelivered()
    {
        var product = await Api.CreatePropagatedProductAsync();
        var decommissioning = await Api.DecommissionAsync(product.Id);
        var bus = fixture.System.Product.Services.GetRequiredService<IBus>();
        await bus.Publish(new ProductDecommissionConfirmed(product.Id, decommissioning.Version, Absent, DateTimeOffset.UtcNow), Cancel);
        await Eventually.MatchAsync(() => Api.GetProductAsync(product.Id), p => p?.Status == ProductStatus.Decommissioned, "the decommission completes");
        fixture.Clock.Advance(new DeletionOptions().RetentionPeriod + TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await Api.PurgeAsync(product.Id)).StatusCode);
        await Eventually.MatchAsync(
            () => Api.GetDeletionAsync(product.Id), d => d.PurgeConfirmations.Count(c => c.Confirmed) == 2, "Catalog and Order confirm the purge");

        // As if both confirmations had been lost between the consumers' commits and the broker.
        await using (var scope = fixture.System.Product.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductsDbContext>();
            Assert.Equal(2, await db.DeletionConfirmations.Where(c => c.ProductId == product.Id && c.Consumer != Absent && c.Version > decommissioning.Version)
                .ExecuteDeleteAsync(Cancel));
        }

        Assert.Equal(["catalog", "order", Absent], (await Api.GetDeletionAsync(product.Id)).Pending);

        // The purge again, as the broker redelivers a message whose handling did not finish: both
        // consumers find it applied already, and confirm again.
        var tombstone = (await Api.GetProductAsync(product.Id))!;
        await bus.Publish(new ProductPurged(product.Id, tombstone.Version, DateTimeOffset.UtcNow, new ProductState(product.Sku, "", 0m, ProductStatus.Purged)), Cancel);

        var again = await Eventually.MatchAsync(
            () => Api.GetDeletionAsync(product.Id), d => d.PurgeConfirmations.Count(c => c.Confirmed) == 2, "Catalog and Order confirm the redelivered purge");
        Assert.Equal([Absent], again.Pending);
    }
}
