using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ProductCatalogOrders.BuildingBlocks.Security;

/// <summary>
/// Puts a token with the <c>service</c> scope on every call this service makes to another. With an
/// OIDC authority it uses the client-credentials flow (<c>Authentication:ServiceClient</c>:
/// TokenEndpoint, ClientId, ClientSecret, Scope); with the local profile's signing key it mints the
/// token itself. Tokens are reused until a minute before they expire.
/// </summary>
public sealed class ServiceTokenSource(IConfiguration configuration, IHostEnvironment environment, IHttpClientFactory clients)
{
    public const string ClientSection = "Authentication:ServiceClient";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && current.RenewAt > DateTimeOffset.UtcNow)
        {
            return current.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } renewed && renewed.RenewAt > DateTimeOffset.UtcNow)
            {
                return renewed.Token;
            }

            _current = await ObtainAsync(cancellationToken);
            return _current?.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string, DateTimeOffset)?> ObtainAsync(CancellationToken cancellationToken)
    {
        var client = configuration.GetSection(ClientSection);
        if (client["TokenEndpoint"] is { Length: > 0 } endpoint)
        {
            using var http = clients.CreateClient(nameof(ServiceTokenSource));
            using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = client["ClientId"] ?? environment.ApplicationName,
                ["client_secret"] = client["ClientSecret"] ?? "",
                ["scope"] = client["Scope"] ?? Scopes.Service,
            }), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    $"{ClientSection}: the token endpoint {endpoint} refused the client credentials of '{client["ClientId"] ?? environment.ApplicationName}' " +
                    $"({(int)response.StatusCode} {response.ReasonPhrase}).", null, response.StatusCode);
            }

            TokenAnswer? answer;
            try
            {
                answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
            }
            catch (System.Text.Json.JsonException exception)
            {
                throw new HttpRequestException($"{ClientSection}: the token endpoint {endpoint} did not answer with a token ({exception.Message}).", exception);
            }

            if (answer is not { access_token.Length: > 0 })
            {
                throw new HttpRequestException($"{ClientSection}: the token endpoint {endpoint} answered without an access_token.");
            }

            return (answer.access_token, DateTimeOffset.UtcNow.AddSeconds(Math.Max(answer.expires_in - 60, 30)));
        }

        if (LocalTokenIssuer.FromConfiguration(configuration) is { } issuer)
        {
            var token = issuer.Mint(environment.ApplicationName, [Scopes.Service], lifetime: Lifetime);
            return (token, DateTimeOffset.UtcNow + Lifetime - TimeSpan.FromMinutes(1));
        }

        return null; // Nothing configured: the call goes out without a token and the receiver refuses it.
    }

#pragma warning disable IDE1006, SA1300 // The OAuth wire names.
    private sealed record TokenAnswer(string access_token, int expires_in);
#pragma warning restore IDE1006, SA1300
}
