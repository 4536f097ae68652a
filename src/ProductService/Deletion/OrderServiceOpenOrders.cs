using System.Net.Http.Json;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>
/// Asks OrderService over HTTP. The base address <c>http://orderservice</c> is resolved by service
/// discovery (<c>services:orderservice:http:0</c>, which Aspire injects and eng/run.sh sets), and
/// the client has the standard resilience handler from ServiceDefaults.
/// </summary>
public sealed class OrderServiceOpenOrders(HttpClient http) : IOpenOrders
{
    public const string BaseAddress = "http://orderservice";

    public async Task<int> CountAsync(Guid productId, CancellationToken cancellationToken)
    {
        var answer = await http.GetFromJsonAsync<OpenOrdersAnswer>($"/orders/open-count?productId={productId}", cancellationToken)
            ?? throw new InvalidOperationException("OrderService answered with an empty body.");
        return answer.OpenOrders;
    }

    private sealed record OpenOrdersAnswer(Guid ProductId, int OpenOrders);
}
