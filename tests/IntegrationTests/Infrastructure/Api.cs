using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.CatalogService.Catalog;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.OrderService.Orders;
using ProductCatalogOrders.ProductService.Deletion;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>
/// The HTTP contract as the tests call it: real requests to the services' sockets, with a token for
/// <paramref name="subject"/> holding <paramref name="scopes"/> (by default every staff scope but
/// <c>service</c>, which belongs to the services themselves).
/// </summary>
public sealed class Api(LocalSystem system, string subject = Api.Subject, IEnumerable<string>? scopes = null, string? name = null, string? customerId = null)
{
    /// <summary>The tests' own caller; the fixtures raise its rate limit (Security:DestructiveRateLimit:HighVolumeClients).</summary>
    public const string Subject = "integration-tests";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IReadOnlyList<string> StaffScopes { get; } = [.. Scopes.Staff.Where(s => s != Scopes.Service)];

    public string Token { get; } = system.Tokens.Mint(subject, scopes ?? StaffScopes, name, customerId);

    public HttpClient Products => field ??= system.Product.CreateClient(Token);

    public HttpClient Catalog => field ??= system.Catalog.CreateClient(Token);

    public HttpClient Orders => field ??= system.Order.CreateClient(Token);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static string NewSku(string prefix = "SKU") => $"{prefix}-{Guid.NewGuid():N}"[..20];

    public async Task<ProductResponse> CreateProductAsync(string? sku = null, string name = "Apple", decimal price = 1.50m)
    {
        var response = await Products.PostAsJsonAsync("/products", new { sku = sku ?? NewSku(), name, price }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProductResponse>(Json, Cancel))!;
    }

    /// <summary>Creates a product and waits until both consumers hold it, as a user would before using it.</summary>
    public async Task<ProductResponse> CreatePropagatedProductAsync(string name = "Apple", decimal price = 1.50m)
    {
        var product = await CreateProductAsync(name: name, price: price);
        await WaitForReplicasAsync(product.Id, product.Version);
        return product;
    }

    public async Task<ProductResponse?> GetProductAsync(Guid id)
    {
        using var response = await Products.GetAsync($"/products/{id}", Cancel);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<ProductResponse>(Json, Cancel);
    }

    public async Task<ProductResponse> DecommissionAsync(Guid id)
    {
        var response = await Products.PostAsync($"/products/{id}/decommission", null, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProductResponse>(Json, Cancel))!;
    }

    /// <summary>
    /// Decommissions and waits for the whole DELETING step: every consumer confirmed, the product
    /// Decommissioned, and both replicas at that final version. Returns the final product.
    /// </summary>
    public async Task<ProductResponse> DecommissionCompletelyAsync(Guid id)
    {
        await DecommissionAsync(id);
        var final = await Eventually.MatchAsync(
            () => GetProductAsync(id), p => p?.Status == ProductStatus.Decommissioned, $"product {id} is Decommissioned");
        await WaitForReplicasAsync(id, final!.Version);
        return final;
    }

    public async Task<DeletionStatusResponse> GetDeletionAsync(Guid id) =>
        (await Products.GetFromJsonAsync<DeletionStatusResponse>($"/products/{id}/deletion", Json, Cancel))!;

    public Task<HttpResponseMessage> PurgeAsync(Guid id, bool dryRun = false) =>
        Products.PostAsync($"/products/{id}/purge{(dryRun ? "?dryRun=true" : "")}", null, Cancel);

    public Task<HttpResponseMessage> RestoreAsync(Guid id) => Products.PostAsync($"/products/{id}/restore", null, Cancel);

    public static async Task<ProductReplicaResponse?> GetReplicaAsync(HttpClient service, Guid productId)
    {
        using var response = await service.GetAsync($"/product-replicas/{productId}", Cancel);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<ProductReplicaResponse>(Json, Cancel);
    }

    /// <summary>Waits until Catalog's cache and Order's replica both hold at least this version.</summary>
    public async Task WaitForReplicasAsync(Guid productId, long version, TimeSpan? timeout = null)
    {
        foreach (var (name, service) in new[] { ("catalog", Catalog), ("order", Orders) })
        {
            await Eventually.MatchAsync(
                () => GetReplicaAsync(service, productId),
                replica => replica?.Version >= version,
                $"the {name} replica of {productId} reaches version {version}",
                timeout);
        }
    }

    public Task<HttpResponseMessage> AddCatalogItemAsync(Guid productId, string category = "fruit") =>
        Catalog.PostAsJsonAsync("/catalog/items", new { productId, category }, Json, Cancel);

    public Task<List<CatalogItemResponse>> ListCatalogAsync() => AllPagesAsync<CatalogItemResponse>(Catalog, "/catalog/items");

    /// <summary>Walks a keyset-paged list to its end, failing on a page that repeats an item.</summary>
    public async Task<List<T>> AllPagesAsync<T>(HttpClient client, string path, int? limit = null)
    {
        var items = new List<T>();
        string? next = null;
        var separator = path.Contains('?') ? '&' : '?';
        do
        {
            var url = path + separator + (limit is { } l ? $"limit={l}&" : "") + (next is null ? "" : $"after={Uri.EscapeDataString(next)}");
            var page = (await client.GetFromJsonAsync<Page<T>>(url, Json, Cancel))!;
            Assert.True(page.Items.Count > 0 || next is null, $"{path}: a page with a cursor led to an empty page");
            items.AddRange(page.Items);
            next = page.Next;
            Assert.True(items.Count <= 100_000, $"{path}: paging does not end");
        }
        while (next is not null);

        return items;
    }

    public Task<HttpResponseMessage> PlaceOrderAsync(string customerId, params (Guid ProductId, int Quantity)[] lines) =>
        Orders.PostAsJsonAsync("/orders", new
        {
            customerId,
            customerName = "Ann Example",
            customerEmail = "ann@example.com",
            shippingAddress = "1 Main Street, Springfield",
            lines = lines.Select(l => new { productId = l.ProductId, quantity = l.Quantity }),
        }, Json, Cancel);

    public async Task<OrderResponse> PlaceOrderOkAsync(string customerId, params (Guid ProductId, int Quantity)[] lines)
    {
        var response = await PlaceOrderAsync(customerId, lines);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrderResponse>(Json, Cancel))!;
    }

    public async Task<OrderResponse?> GetOrderAsync(Guid id)
    {
        using var response = await Orders.GetAsync($"/orders/{id}", Cancel);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<OrderResponse>(Json, Cancel);
    }
}
