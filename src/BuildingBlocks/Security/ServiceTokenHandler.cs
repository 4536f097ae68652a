using System.Net.Http.Headers;

namespace ProductCatalogOrders.BuildingBlocks.Security;

/// <summary>Adds the service token to an outgoing call; registered on every client that calls another service.</summary>
public sealed class ServiceTokenHandler(ServiceTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (await tokens.GetAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
