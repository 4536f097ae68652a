using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;

namespace ProductCatalogOrders.InProcessHosting;

/// <summary>
/// One service hosted in this process on a real loopback socket. It keeps its port across
/// restarts, so a stopped service comes back where its peers expect it.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly Func<string[], WebApplication> _build;
    private readonly Dictionary<string, string?> _settings;
    private WebApplication? _app;

    internal ServiceHost(string name, Func<string[], WebApplication> build, IDictionary<string, string?> settings)
    {
        Name = name;
        _build = build;
        _settings = new Dictionary<string, string?>(settings);
        BaseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public bool IsRunning => _app is not null;

    /// <summary>The running service's container, for tests that need to reach behind the HTTP API.</summary>
    public IServiceProvider Services => (_app ?? throw new InvalidOperationException($"{Name} is not running.")).Services;

    /// <summary>A client for this service; with a bearer token (see <see cref="LocalSystem.Tokens"/>) on every request.</summary>
    public HttpClient CreateClient(string? bearerToken = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return client;
    }

    /// <summary>Overrides a setting for the next start, for example to point one service at another broker.</summary>
    public void Configure(string key, string? value) => _settings[key] = value;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            return;
        }

        var args = _settings
            .Where(s => s.Value is not null)
            .Select(s => $"--{s.Key}={s.Value}")
            .Append($"--urls={BaseAddress.GetLeftPart(UriPartial.Authority)}")
            .ToArray();
        var app = _build(args);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _app = app;
    }

    /// <summary>Polls <c>/health</c> until it answers 200 (Healthy or Degraded); a consumer answers 503 until its cache has caught up.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using (var response = await client.GetAsync("/health", cancellationToken))
            {
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{Name} did not report ready within {timeout.TotalSeconds:0} s: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not { } app)
        {
            return;
        }

        _app = null;
        try
        {
            await app.StopAsync(cancellationToken);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
