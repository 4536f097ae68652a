using System.Net;
using System.Net.Http.Json;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;

namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>The reconciliation and rebuild endpoints of a consumer, as the tests call them.</summary>
public static class Reconciliations
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Runs a reconciliation and waits for its result (200: the tests' systems are small).</summary>
    public static async Task<ReconciliationRun> RunAsync(HttpClient service)
    {
        using var response = await service.PostAsync("/reconciliation", null, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /reconciliation: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<ReconciliationRun>(Api.Json, Cancel))!;
    }

    /// <summary>Every finding of the report, walked page by page, by product id.</summary>
    public static async Task<Dictionary<Guid, FindingResponse>> FindingsAsync(Api api, HttpClient service) =>
        (await api.AllPagesAsync<FindingResponse>(service, "/reconciliation/report", limit: 2)).ToDictionary(f => f.ProductId);

    public static async Task<CacheRebuildResult> RebuildAsync(HttpClient service)
    {
        using var response = await service.PostAsync("/cache/rebuild", null, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /cache/rebuild: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<CacheRebuildResult>(Api.Json, Cancel))!;
    }
}
