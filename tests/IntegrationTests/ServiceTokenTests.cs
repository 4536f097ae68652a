using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.ProductService.Deletion;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>Calls between services carry a token with the service scope; without one they are refused.</summary>
public sealed class ServiceTokenTests(SynchronousCoordinationSystem fixture) : IClassFixture<SynchronousCoordinationSystem>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Product_service_calls_the_release_endpoints_with_its_service_token()
    {
        var product = await fixture.Api.CreatePropagatedProductAsync();
        var clients = fixture.System.Product.Services.GetRequiredService<IHttpClientFactory>();

        foreach (var (dependent, release) in new[]
        {
            ("CatalogService", $"http://catalogservice/catalog/products/{product.Id}/release"),
            ("OrderService", $"http://orderservice/orders/products/{product.Id}/release"),
        })
        {
            using var response = await clients.CreateClient(dependent).PostAsync(release, null, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Release_without_a_token_is_401_and_with_a_staff_token_403()
    {
        var id = Guid.NewGuid();
        foreach (var (service, path) in new[] { (fixture.System.Catalog, $"/catalog/products/{id}/release"), (fixture.System.Order, $"/orders/products/{id}/release") })
        {
            using var anonymous = service.CreateClient();
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(path, null, Cancel)).StatusCode);

            using var staff = service.CreateClient(fixture.Api.Token);
            var refused = await staff.PostAsync(path, null, Cancel);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("service", await refused.Content.ReadAsStringAsync(Cancel));
        }
    }

    [Fact]
    public async Task The_purge_open_order_check_asks_order_service_with_its_service_token_and_an_unauthenticated_ask_is_refused()
    {
        var product = await fixture.Api.CreatePropagatedProductAsync();
        await fixture.Api.PlaceOrderOkAsync("customer-s2s", (product.Id, 1));
        await using var scope = fixture.System.Product.Services.CreateAsyncScope();

        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<IOpenOrders>().CountAsync(product.Id, Cancel));

        using var anonymous = fixture.System.Order.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/orders/open-count?productId={product.Id}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_service_token_carries_the_service_scope_and_names_the_calling_service()
    {
        var source = fixture.System.Product.Services.GetRequiredService<ServiceTokenSource>();
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await source.GetAsync(Cancel))!);

        Assert.Equal(Scopes.Service, token.GetClaim(Scopes.ClaimType).Value);
        Assert.Equal("ProductCatalogOrders.ProductService", token.Subject);
    }
}

/// <summary>Under every strategy but SynchronousCoordination there is nothing to release, and no release endpoint.</summary>
public sealed class ReleaseEndpointTests(AsynchronousUpdateSystem fixture) : IClassFixture<AsynchronousUpdateSystem>
{
    [Fact]
    public async Task Release_endpoints_are_not_mapped_under_asynchronous_update()
    {
        var token = fixture.System.Tokens.Mint("a-service", [Scopes.Service]);
        var id = Guid.NewGuid();
        using var catalog = fixture.System.Catalog.CreateClient(token);
        using var orders = fixture.System.Order.CreateClient(token);

        Assert.Equal(HttpStatusCode.NotFound, (await catalog.PostAsync($"/catalog/products/{id}/release", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await orders.PostAsync($"/orders/products/{id}/release", null, TestContext.Current.CancellationToken)).StatusCode);
    }
}
