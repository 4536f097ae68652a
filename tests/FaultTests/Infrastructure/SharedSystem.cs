using System.Net.Sockets;
using ProductCatalogOrders.InProcessHosting;

namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>
/// One system for every scenario that does not need a broker of its own: started once, crashed and
/// restarted by the scenarios, and left running and healthy by each of them. Its broker is
/// <c>ConnectionStrings__messaging</c> when set, or else a throw-away virtual host on the local
/// <c>rabbitmq-server</c>, which the suite never stops.
/// </summary>
public sealed class SharedSystem : IAsyncLifetime
{
    private ThrowawayVirtualHost? _virtualHost;

    public FaultSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        System = await FaultSystem.StartAsync(await SharedBrokerAsync(), "shared", TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (System is not null)
        {
            await System.DisposeAsync();
        }

        if (_virtualHost is not null)
        {
            await _virtualHost.DisposeAsync();
        }
    }

    private async Task<Uri> SharedBrokerAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__messaging");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new Uri(configured);
        }

        using (var client = new TcpClient())
        {
            try
            {
                await client.ConnectAsync("127.0.0.1", 5672, TestContext.Current.CancellationToken);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException("No RabbitMQ broker for the fault suite: run eng/test.sh (it installs and starts rabbitmq-server) or set ConnectionStrings__messaging.");
            }
        }

        _virtualHost = await ThrowawayVirtualHost.TryCreateAsync("faults")
            ?? throw new InvalidOperationException("Could not create a RabbitMQ virtual host with rabbitmqctl; set ConnectionStrings__messaging to a broker URI for the fault suite.");
        return _virtualHost.Uri;
    }
}

[CollectionDefinition(Name)]
public sealed class SharedSystemCollection : ICollectionFixture<SharedSystem>
{
    public const string Name = "shared system";
}
