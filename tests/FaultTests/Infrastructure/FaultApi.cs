using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>The suite's HTTP calls to the three services, every one with the suite's bearer token.</summary>
public sealed class FaultApi : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly SocketsHttpHandler _handler = new() { MaxConnectionsPerServer = 256, ConnectTimeout = TimeSpan.FromSeconds(10) };

    public FaultApi(string token, Uri product, Uri catalog, Uri order)
    {
        Token = token;
        Product = Client(product);
        Catalog = Client(catalog);
        Order = Client(order);
    }

    public string Token { get; }

    /// <summary>ProductService; a scenario points it at another instance while the first is down.</summary>
    public HttpClient Product { get; set; }

    public HttpClient Catalog { get; }

    public HttpClient Order { get; }

    /// <summary>A client with the suite's token for another instance of a service.</summary>
    public HttpClient Client(Uri baseAddress)
    {
        var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>Creates products in parallel; every one must answer 201.</summary>
    public async Task<List<Guid>> CreateProductsAsync(string tag, int count, CancellationToken cancellationToken, int concurrency = 16)
    {
        var ids = new Guid[count];
        var run = Guid.NewGuid().ToString("N")[..6];
        await ForEachAsync(Enumerable.Range(0, count), concurrency, async i =>
        {
            using var response = await Product.PostAsJsonAsync("/products", new { sku = $"{tag}-{run}-{i:D5}", name = $"{tag} {i}", price = 1.25m + i % 100 }, cancellationToken);
            await ExpectAsync(response, HttpStatusCode.Created, "create product");
            ids[i] = (await response.Content.ReadFromJsonAsync<ProductView>(Json, cancellationToken))!.Id;
        }, cancellationToken);
        return [.. ids];
    }

    /// <summary>Decommissions each product (202 expected), through <paramref name="via"/> or the first ProductService.</summary>
    public Task DecommissionAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken, int concurrency = 16, Func<int, HttpClient>? via = null) =>
        ForEachAsync(ids.Select((id, i) => (id, i)), concurrency, async item =>
        {
            using var response = await (via?.Invoke(item.i) ?? Product).PostAsync($"/products/{item.id}/decommission", null, cancellationToken);
            await ExpectAsync(response, HttpStatusCode.Accepted, $"decommission {item.id}");
        }, cancellationToken);

    /// <summary>Restores each product (200 expected).</summary>
    public Task RestoreAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken, int concurrency = 16) =>
        ForEachAsync(ids, concurrency, async id =>
        {
            using var response = await Product.PostAsync($"/products/{id}/restore", null, cancellationToken);
            await ExpectAsync(response, HttpStatusCode.OK, $"restore {id}");
        }, cancellationToken);

    /// <summary>ProductService's paged snapshot, every page: the source of truth replicas are held against.</summary>
    public async Task<Dictionary<Guid, ProductView>> SnapshotAsync(CancellationToken cancellationToken)
    {
        var products = new Dictionary<Guid, ProductView>();
        string? after = null;
        do
        {
            var page = await Product.GetFromJsonAsync<ProductPage>($"/products?limit=1000{(after is null ? "" : $"&after={Uri.EscapeDataString(after)}")}", Json, cancellationToken);
            foreach (var product in page!.Items)
            {
                products[product.Id] = product;
            }

            after = page.Next;
        }
        while (after is not null);
        return products;
    }

    /// <summary>A catalog item and an order line for each product, so the orphan check has references to resolve.</summary>
    public async Task ReferenceAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        await ForEachAsync(ids, 8, async id =>
        {
            using var item = await Catalog.PostAsJsonAsync("/catalog/items", new { productId = id, category = "faults" }, cancellationToken);
            await ExpectAsync(item, HttpStatusCode.Created, $"catalog item for {id}");
            using var order = await PlaceOrderAsync(id, cancellationToken);
            await ExpectAsync(order, HttpStatusCode.Created, $"order for {id}");
        }, cancellationToken);
    }

    public Task<HttpResponseMessage> PlaceOrderAsync(Guid productId, CancellationToken cancellationToken) =>
        Order.PostAsJsonAsync("/orders", new
        {
            customerId = "fault-customer",
            customerName = "Fault Customer",
            customerEmail = "fault@example.com",
            shippingAddress = "1 Fault Street",
            lines = new[] { new { productId, quantity = 1 } },
        }, cancellationToken);

    public static async Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, Func<T, Task> action, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (item, _) => await action(item));

    public static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Dispose()
    {
        Product.Dispose();
        Catalog.Dispose();
        Order.Dispose();
        _handler.Dispose();
    }
}

public sealed record ProductView(Guid Id, string Sku, string Status, long Version);

public sealed record ProductPage(IReadOnlyList<ProductView> Items, string? Next);
