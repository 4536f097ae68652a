using System.Net.Sockets;

namespace ProductCatalogOrders.TestSupport;

/// <summary>
/// Whether a Docker engine answers, asked with a short timeout so that a machine without one
/// skips the container path at once instead of hanging in a container client.
/// </summary>
public static class DockerEngine
{
    private const string DefaultSocket = "/var/run/docker.sock";
    private static readonly Lazy<Task<string?>> Probe = new(ProbeAsync);

    /// <summary>Null when an engine answered; otherwise why not, for a skip or fall-back message.</summary>
    public static Task<string?> UnavailableReasonAsync() => Probe.Value;

    private static async Task<string?> ProbeAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (host is null && !File.Exists(DefaultSocket))
        {
            return $"DOCKER_HOST is not set and {DefaultSocket} does not exist";
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            using var http = Client(host);
            using var response = await http.GetAsync("/_ping", timeout.Token);
            return response.IsSuccessStatusCode ? null : $"the Docker engine answered {(int)response.StatusCode} to /_ping";
        }
        catch (Exception exception)
        {
            return $"no Docker engine answers at {host ?? "unix://" + DefaultSocket} ({exception.GetBaseException().Message})";
        }
    }

    private static HttpClient Client(string? host)
    {
        if (host is not null && !host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return new HttpClient { BaseAddress = new Uri(host.Replace("tcp://", "http://", StringComparison.Ordinal)) };
        }

        var socketPath = host?["unix://".Length..] ?? DefaultSocket;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://docker") };
    }
}
