using System.Net.Http.Headers;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// The one place the benchmark creates HTTP clients, and the one place that says what the services
/// must be told about the benchmark as a caller. When the services require bearer tokens, give this
/// a token source; when destructive calls are rate-limited per caller, raise the limit for the
/// benchmark's caller in <see cref="ServiceEnvironment"/>.
/// </summary>
public sealed class BenchmarkHttpClients(Func<CancellationToken, ValueTask<string?>>? bearerToken = null) : IDisposable
{
    // One pooled handler for every client: open-loop stages need many concurrent connections.
    private readonly SocketsHttpHandler _handler = new()
    {
        MaxConnectionsPerServer = 512,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Settings passed to every service process on top of the local profile's, for the benchmark's own client.</summary>
    public IReadOnlyDictionary<string, string?> ServiceEnvironment { get; init; } = new Dictionary<string, string?>();

    public HttpClient For(Uri baseAddress)
    {
        HttpMessageHandler handler = bearerToken is null ? _handler : new BearerTokenHandler(bearerToken) { InnerHandler = _handler };
        return new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public void Dispose() => _handler.Dispose();

    private sealed class BearerTokenHandler(Func<CancellationToken, ValueTask<string?>> token) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (await token(cancellationToken) is { } value)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", value);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
