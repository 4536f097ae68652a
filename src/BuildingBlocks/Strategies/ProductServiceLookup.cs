using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.Strategies;

/// <summary>
/// The synchronous strategies: ask ProductService on every request. The base address
/// <c>http://productservice</c> is resolved by service discovery, and the client carries the
/// standard resilience handler from ServiceDefaults. The answer is also stored in the local replica
/// through the version gate, so an order line's foreign key has a row to point at.
/// </summary>
public sealed class ProductServiceLookup(HttpClient http, ProductReplicaWriter replicas, TimeProvider time) : IProductLookup
{
    public const string BaseAddress = "http://productservice";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<ProductReplica?> FindAsync(Guid productId, CancellationToken cancellationToken)
    {
        ProductAnswer? product;
        try
        {
            using var response = await http.GetAsync($"/products/{productId}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            product = await response.Content.ReadFromJsonAsync<ProductAnswer>(Json, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or TimeoutException
            or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw new ProductServiceUnavailableException($"ProductService did not answer for product {productId} ({exception.Message}).", exception);
        }

        if (product is null)
        {
            throw new ProductServiceUnavailableException($"ProductService answered with an empty body for product {productId}.");
        }

        var state = new ProductState(product.Sku, product.Name, product.Price, product.Status);
        await replicas.ApplyAsync(new ReplicaWrite(new ProductUpdated(product.Id, product.Version, product.UpdatedAt, state)), cancellationToken);
        return new ProductReplica
        {
            ProductId = product.Id,
            Sku = product.Sku,
            Name = product.Name,
            Price = product.Price,
            Status = product.Status,
            Version = product.Version,
            ChangedAt = product.UpdatedAt,
            AppliedAt = time.GetUtcNow(),
        };
    }

    private sealed record ProductAnswer(Guid Id, string Sku, string Name, decimal Price, ProductStatus Status, long Version, DateTimeOffset UpdatedAt);
}
