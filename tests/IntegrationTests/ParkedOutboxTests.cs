using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// Parked outbox rows on ProductService's real store and dispatcher: a row that cannot be decoded is
/// parked and listed with its error; an admin releases a parked row and it goes out; the release is
/// audited once, a repeat answers the same, an unknown id is 404 and a row never parked is 409.
/// </summary>
public sealed class ParkedOutboxTests(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Admin => fixture.Api.Products;

    [Fact]
    public async Task A_row_that_cannot_be_decoded_is_parked_and_listed_with_its_error()
    {
        var sequence = await InsertAsync(new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            MessageType = "ProductCatalogOrders.Contracts.ProductRenamedLongAgo",
            Payload = "{}",
            CreatedAt = DateTimeOffset.UtcNow,
        });

        var parked = await Eventually.MatchAsync(
            () => ListParkedAsync(), rows => rows.Any(r => r.Id == sequence), $"outbox row {sequence} is parked");

        var row = parked.Single(r => r.Id == sequence);
        Assert.Equal("parked", row.State);
        Assert.Equal("ProductCatalogOrders.Contracts.ProductRenamedLongAgo", row.MessageType);
        Assert.StartsWith("parked: ", row.Error);
        Assert.NotNull(row.ParkedAt);
        Assert.Equal(1, row.Attempts);

        // Keyset pages of one row each walk the same list.
        var paged = await fixture.Api.AllPagesAsync<OutboxRowResponse>(Admin, "/outbox/parked", limit: 1);
        Assert.Equal(parked.Select(r => r.Id), paged.Select(r => r.Id));
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetAsync("/outbox/parked?after=not-a-cursor", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_released_row_goes_out_is_audited_once_and_a_repeat_changes_nothing()
    {
        var product = await fixture.Api.CreatePropagatedProductAsync(name: "Parked pear");
        // A valid event, parked as the dispatcher parks one: a later version of the product, renamed.
        var renamed = new ProductUpdated(product.Id, product.Version + 1, DateTimeOffset.UtcNow, new ProductState(product.Sku, "Released pear", product.Price, ProductStatus.Active));
        var sequence = await InsertAsync(new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            MessageType = IntegrationEventSerializer.TypeName(typeof(ProductUpdated)),
            Payload = IntegrationEventSerializer.Serialize(renamed),
            CreatedAt = DateTimeOffset.UtcNow,
            LeasedUntil = OutboxMessage.ParkedLease,
            ParkedAt = DateTimeOffset.UtcNow,
            Attempts = 1,
            LastError = "parked: simulated decoding failure",
        });
        Assert.Contains(await ListParkedAsync(), r => r.Id == sequence);

        using var release = await Admin.PostAsync($"/outbox/parked/{sequence}/release", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Equal("pending", (await release.Content.ReadFromJsonAsync<OutboxRowResponse>(Api.Json, Cancel))!.State);

        // The dispatcher publishes it: Catalog's copy gets the new name and version.
        await fixture.Api.WaitForReplicasAsync(product.Id, renamed.Version);
        Assert.Equal("Released pear", (await Api.GetReplicaAsync(fixture.Api.Catalog, product.Id))!.Name);
        Assert.DoesNotContain(await ListParkedAsync(), r => r.Id == sequence);

        using var repeat = await Admin.PostAsync($"/outbox/parked/{sequence}/release", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("published", (await repeat.Content.ReadFromJsonAsync<OutboxRowResponse>(Api.Json, Cancel))!.State);

        var audit = await Admin.GetFromJsonAsync<AuditPage>($"/audit?resourceId={sequence}", Api.Json, Cancel);
        var entry = Assert.Single(audit!.Items, e => e.ResourceType == "outbox-row");
        Assert.Equal("release", entry.Action);
        Assert.Equal(Api.Subject, entry.Actor);
        Assert.Contains("simulated decoding failure", entry.Detail);
    }

    [Fact]
    public async Task Releasing_an_unknown_row_is_404_and_a_row_never_parked_is_409()
    {
        await fixture.Api.CreatePropagatedProductAsync(); // its ProductCreated row is published, never parked
        var published = await WithStoreAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.DispatchedAt != null && m.ParkedAt == null).Select(m => m.Sequence).FirstAsync(Cancel));

        using var unknown = await Admin.PostAsync($"/outbox/parked/{long.MaxValue}/release", null, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        using var neverParked = await Admin.PostAsync($"/outbox/parked/{published}/release", null, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, neverParked.StatusCode);
        Assert.Contains("never parked", await neverParked.Content.ReadAsStringAsync(Cancel));
    }

    private async Task<List<OutboxRowResponse>> ListParkedAsync() =>
        (await Admin.GetFromJsonAsync<Page<OutboxRowResponse>>("/outbox/parked", Api.Json, Cancel))!.Items.ToList();

    private async Task<long> InsertAsync(OutboxMessage row) => await WithStoreAsync(async db =>
    {
        db.OutboxMessages.Add(row);
        await db.SaveChangesAsync(Cancel);
        return row.Sequence;
    });

    private async Task<T> WithStoreAsync<T>(Func<ProductsDbContext, Task<T>> use)
    {
        await using var scope = fixture.System.Product.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<ProductsDbContext>());
    }
}
