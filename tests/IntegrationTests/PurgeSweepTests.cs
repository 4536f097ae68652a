using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.ProductService.Deletion;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>The purge sweep's system: ProductService on a clock the test moves, and a destructive rate limit of two per minute.</summary>
public sealed class PurgeSweepSystemFixture(TestBroker broker) : LifecycleSystemFixture(broker)
{
    public const int PermitLimit = 2;

    protected override LocalSystemOptions Configure(LocalSystemOptions options)
    {
        var configured = base.Configure(options);
        return configured with
        {
            Settings = new Dictionary<string, string?>(configured.Settings)
            {
                ["Security:DestructiveRateLimit:PermitLimit"] = PermitLimit.ToString(CultureInfo.InvariantCulture),
            },
        };
    }
}

/// <summary>
/// The purge sweep on the real services and broker: of the products past retention it purges those
/// whose checks all pass, as the service identity, no more than the rate limit allows; it refuses the
/// rest with every failed check; and it leaves alone what is still retained.
/// </summary>
public sealed class PurgeSweepTests(PurgeSweepSystemFixture fixture) : IClassFixture<PurgeSweepSystemFixture>
{
    private static readonly TimeSpan RetentionPeriod = new DeletionOptions().RetentionPeriod;

    private Api Api => fixture.Api;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_purges_what_is_due_and_allowed_refuses_the_rest_with_reasons_and_respects_the_rate_limit()
    {
        var due = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            due.Add(await DecommissionedProductAsync());
        }

        var ordered = await DecommissionedProductAsync(openOrder: true);
        var held = await DecommissionedProductAsync();
        Assert.Equal(HttpStatusCode.OK, (await Api.Products.PutAsJsonAsync($"/products/{held}/legal-hold", new { reason = "Case 12" }, Api.Json, Cancel)).StatusCode);
        fixture.Clock.Advance(RetentionPeriod + TimeSpan.FromDays(1));
        var retained = await DecommissionedProductAsync();

        var candidates = await Api.AllPagesAsync<DeletionSummary>(Api.Products, "/deletions?state=purgeable", limit: 2);
        Assert.Equal([.. due, ordered, held], candidates.Select(c => c.ProductId));
        Assert.DoesNotContain(retained, candidates.Select(c => c.ProductId));

        var sweep = fixture.System.Product.Services.GetRequiredService<PurgeSweep>();
        var run = await sweep.RunAsync(Cancel);

        // Oldest first: the first two due products take the two permits; the third waits for the next window.
        Assert.Equal(5, run.Candidates);
        Assert.Equal(due.Take(PurgeSweepSystemFixture.PermitLimit), run.Purged.Select(p => p.ProductId));
        Assert.Equal(1, run.LeftByRateLimit);
        Assert.Equal(0, run.LeftByBatchSize);
        Assert.Equal([ordered, held], run.Refused.Select(r => r.ProductId));
        var dependency = Assert.Single(run.Refused[0].Checks);
        Assert.Equal("dependency", dependency.Check);
        Assert.Contains("1 open order", dependency.Reason);
        Assert.Equal("legal-hold", Assert.Single(run.Refused[1].Checks).Check);

        foreach (var id in due.Take(PurgeSweepSystemFixture.PermitLimit))
        {
            Assert.Equal(ProductStatus.Purged, (await Api.GetProductAsync(id))!.Status);
            var audit = await Api.Products.GetFromJsonAsync<AuditPage>($"/audit?resourceId={id}", Api.Json, Cancel);
            Assert.Equal("service (purge sweep)", Assert.Single(audit!.Items, e => e.Action == "purge").Actor);
        }

        foreach (var id in new[] { due[2], ordered, held, retained })
        {
            Assert.Equal(ProductStatus.Decommissioned, (await Api.GetProductAsync(id))!.Status);
        }

        // What an operator sees of the last run.
        var status = await Api.Products.GetFromJsonAsync<PurgeSweepStatus>("/deletions/purge-sweep", Api.Json, Cancel);
        Assert.False(status!.Enabled);
        Assert.Equal("service (purge sweep)", status.Actor);
        Assert.Equal(run.Purged.Select(p => p.ProductId), status.LastRun!.Purged.Select(p => p.ProductId));

        // Within the same window the limit holds: the next run purges nothing more and refuses the same two.
        var again = await sweep.RunAsync(Cancel);
        Assert.Empty(again.Purged);
        Assert.Equal(1, again.LeftByRateLimit);
        Assert.Equal([ordered, held], again.Refused.Select(r => r.ProductId));
        Assert.Equal(ProductStatus.Decommissioned, (await Api.GetProductAsync(due[2]))!.Status);
    }

    [Fact]
    public async Task Purgeable_is_a_state_of_the_deletions_list_and_others_are_400()
    {
        Assert.Equal(HttpStatusCode.OK, (await Api.Products.GetAsync("/deletions?state=purgeable", Cancel)).StatusCode);
        using var unknown = await Api.Products.GetAsync("/deletions?state=everything", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("purgeable", await unknown.Content.ReadAsStringAsync(Cancel));
    }

    private async Task<Guid> DecommissionedProductAsync(bool openOrder = false)
    {
        var product = await Api.CreatePropagatedProductAsync();
        if (openOrder)
        {
            await Api.PlaceOrderOkAsync("sweep-customer", (product.Id, 1));
        }

        await Api.DecommissionCompletelyAsync(product.Id);
        return product.Id;
    }
}
