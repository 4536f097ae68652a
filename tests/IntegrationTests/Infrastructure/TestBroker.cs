using System.Net.Sockets;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.TestSupport;
using Testcontainers.RabbitMq;

namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>
/// The one real RabbitMQ broker the integration tests share. Found in this order:
/// <c>ConnectionStrings__messaging</c>; a Testcontainers broker where a Docker engine answers;
/// the local <c>rabbitmq-server</c> on 127.0.0.1:5672, where the run gets a virtual host of its
/// own so it never touches what <c>eng/run.sh</c> is doing. Each test system on top of it also
/// prefixes its exchanges and queues, so test classes never see each other's messages.
/// </summary>
public sealed class TestBroker : IAsyncLifetime
{
    public const string HowToGetOne =
        "No RabbitMQ broker for the integration tests: run eng/test.sh (it installs and starts rabbitmq-server), " +
        "set ConnectionStrings__messaging to an amqp:// URI, or start a Docker engine for Testcontainers.";

    private RabbitMqContainer? _container;
    private ThrowawayVirtualHost? _virtualHost;

    public Uri Uri { get; private set; } = null!;

    /// <summary>Where the broker came from, for diagnostics.</summary>
    public string Source { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__messaging");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            (Uri, Source) = (new Uri(configured), "ConnectionStrings__messaging");
            return;
        }

        if (await DockerEngine.UnavailableReasonAsync() is null)
        {
            _container = new RabbitMqBuilder("rabbitmq:4-management").Build();
            await _container.StartAsync();
            (Uri, Source) = (new Uri(_container.GetConnectionString()), "Testcontainers");
            return;
        }

        if (!await LocalBrokerListensAsync())
        {
            throw new InvalidOperationException(HowToGetOne);
        }

        _virtualHost = await ThrowawayVirtualHost.TryCreateAsync("tests");
        Uri = _virtualHost?.Uri ?? new Uri("amqp://guest:guest@127.0.0.1:5672/");
        Source = _virtualHost is null ? "local rabbitmq-server, default virtual host" : $"local rabbitmq-server, virtual host {_virtualHost.Name}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_virtualHost is not null)
        {
            await _virtualHost.DisposeAsync();
        }
    }

    private static async Task<bool> LocalBrokerListensAsync()
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync("127.0.0.1", 5672, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
