using System.Net;
using System.Net.Http.Json;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.ErasureService.Requests;
using ProductCatalogOrders.InProcessHosting;

namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>The erasure pipeline as the tests call it: ErasureService's API and the reviews a customer writes.</summary>
public sealed class ErasureApi(LocalSystem system, Api api)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public HttpClient Erasure => field ??= (system.Erasure ?? throw new InvalidOperationException("no ErasureService in this system")).CreateClient(api.Token);

    public static string NewCustomer() => $"c-{Guid.NewGuid():N}"[..14];

    public Task<HttpResponseMessage> RequestAsync(string subjectId, string subjectType = "customer", string reason = "The customer asked to be forgotten.") =>
        Erasure.PostAsJsonAsync("/erasure-requests", new { subjectType, subjectId, reason }, Api.Json, Cancel);

    public async Task<ErasureRequestResponse> RequestOkAsync(string subjectId)
    {
        using var response = await RequestAsync(subjectId);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ErasureRequestResponse>(Api.Json, Cancel))!;
    }

    public async Task<ErasureRequestResponse> GetAsync(Guid id) =>
        (await Erasure.GetFromJsonAsync<ErasureRequestResponse>($"/erasure-requests/{id}", Api.Json, Cancel))!;

    public Task<ErasureRequestResponse> WaitForAsync(Guid id, Func<ErasureRequestResponse, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.MatchAsync(() => GetAsync(id), condition, what, timeout ?? TimeSpan.FromSeconds(30));

    public Task<ErasureRequestResponse> WaitForStateAsync(Guid id, RequestState state) =>
        WaitForAsync(id, r => r.State == state, $"erasure request {id} is {state}");

    public static ErasureTargetResponse Target(ErasureRequestResponse request, string service) => request.Targets.Single(t => t.Service == service);

    public Task<HttpResponseMessage> AddReviewAsync(Guid productId, string customerId, int rating = 4, string text = "Crisp and fresh.") =>
        api.Catalog.PostAsJsonAsync("/catalog/reviews", new { productId, customerId, rating, text }, Api.Json, Cancel);

    public async Task AddReviewOkAsync(Guid productId, string customerId, string text = "Crisp and fresh.")
    {
        using var response = await AddReviewAsync(productId, customerId, text: text);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<int> ReviewsOfAsync(string customerId) =>
        (await api.AllPagesAsync<CatalogService.Reviews.CustomerReviewResponse>(api.Catalog, $"/catalog/reviews?customerId={customerId}")).Count;

    public async Task FulfilAsync(Guid orderId)
    {
        using var response = await api.Orders.PostAsync($"/orders/{orderId}/fulfill", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<List<AuditEntryResponse>> AuditAsync(HttpClient service, string? resourceId = null) =>
        [.. (await service.GetFromJsonAsync<AuditPage>($"/audit?limit=1000{(resourceId is null ? "" : $"&resourceId={resourceId}")}", Api.Json, Cancel))!.Items];
}
