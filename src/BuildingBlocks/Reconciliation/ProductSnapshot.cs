using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProductCatalogOrders.BuildingBlocks.Strategies;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>
/// ProductService's snapshot: the keyset-paged <c>GET /products</c>, every product in every status
/// (purged tombstones included), by SKU. A walk never skips or repeats a product that existed for the
/// whole walk. The base address is resolved by service discovery; the client carries the service token
/// and the standard resilience handler.
/// </summary>
public sealed class ProductSnapshot(HttpClient http)
{
    public const string BaseAddress = ProductServiceLookup.BaseAddress;

    /// <summary>The largest page ProductService serves.</summary>
    public const int PageSize = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <exception cref="ProductServiceUnavailableException">ProductService did not answer a page.</exception>
    public async IAsyncEnumerable<IReadOnlyList<SourceProduct>> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var url = $"/products?limit={PageSize}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var page = await GetAsync<SnapshotPage>(url, cancellationToken)
                ?? throw new ProductServiceUnavailableException("ProductService answered the snapshot with no page.");
            yield return page.Items;
            after = page.Next;
        }
        while (after is not null);
    }

    /// <summary>Every product, by id.</summary>
    public async Task<Dictionary<Guid, SourceProduct>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var products = new Dictionary<Guid, SourceProduct>();
        await foreach (var page in ReadPagesAsync(cancellationToken))
        {
            foreach (var product in page)
            {
                products[product.Id] = product;
            }
        }

        return products;
    }

    /// <summary>One product as the source has it now; null when it does not exist (any more).</summary>
    public Task<SourceProduct?> FindAsync(Guid productId, CancellationToken cancellationToken) =>
        GetAsync<SourceProduct>($"/products/{productId}", cancellationToken);

    private async Task<T?> GetAsync<T>(string url, CancellationToken cancellationToken) where T : class
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or TimeoutException or JsonException
            or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw new ProductServiceUnavailableException($"ProductService's snapshot did not answer at {url} ({exception.Message}).", exception);
        }
    }

    private sealed record SnapshotPage(IReadOnlyList<SourceProduct> Items, string? Next);
}
