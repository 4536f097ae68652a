using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.ErasureService.Requests;

namespace ProductCatalogOrders.ErasureService.Targets;

/// <summary>
/// The HTTP calls to a target, with the service token, through service discovery and the standard
/// resilience handler. Any failure (refused, timed out, an error status, an unexpected body) is an
/// exception that the processor records on the ledger row and retries later.
/// </summary>
public sealed class TargetCalls(IHttpClientFactory clients)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The synchronous erasure: how many records this call erased.</summary>
    public async Task<int> EraseAsync(ErasureTarget target, string subjectId, CancellationToken cancellationToken)
    {
        using var http = clients.CreateClient(InventoryDiscovery.ClientName);
        using var response = await http.PostAsync(Url(target, target.ErasureEndpoint!, subjectId), null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var outcome = await response.Content.ReadFromJsonAsync<ErasureOutcome>(Json, cancellationToken)
            ?? throw new InvalidOperationException($"{target.Service} answered the erasure with an empty body.");
        return outcome.Erased;
    }

    /// <summary>What the target still holds for the subject: counts, and reasons erasure must wait.</summary>
    public async Task<PersonalDataCount> CountAsync(ErasureTarget target, string subjectId, CancellationToken cancellationToken)
    {
        using var http = clients.CreateClient(InventoryDiscovery.ClientName);
        using var response = await http.GetAsync(Url(target, target.VerificationEndpoint, subjectId), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<PersonalDataCount>(Json, cancellationToken)
            ?? throw new InvalidOperationException($"{target.Service} answered the verification with an empty body.");
    }

    private static string Url(ErasureTarget target, string endpoint, string subjectId) =>
        $"http://{target.Address}{endpoint.Replace("{id}", Uri.EscapeDataString(subjectId), StringComparison.Ordinal)}";

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}: {(body.Length > 300 ? body[..300] : body)}", null, response.StatusCode);
        }
    }
}
