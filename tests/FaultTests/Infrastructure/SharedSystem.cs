namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>
/// One system for every scenario, started once, crashed and restarted by the scenarios, and left
/// running and healthy by each of them. Its broker is a node of the suite's own
/// (<see cref="OwnBrokerNode"/>), so the broker scenario can stop it; the shared broker on 5672 is
/// never touched. Where no node can be run, every scenario is skipped with the reason.
/// </summary>
public sealed class SharedSystem : IAsyncLifetime
{
    private FaultSystem? _system;
    private string? _unavailable;

    public OwnBrokerNode Broker { get; private set; } = null!;

    /// <summary>The running system; skips the calling test when this machine cannot run a broker node.</summary>
    public FaultSystem System
    {
        get
        {
            if (_unavailable is not null)
            {
                Assert.Skip(_unavailable);
            }

            return _system!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        _unavailable = OwnBrokerNode.UnavailableReason();
        if (_unavailable is not null)
        {
            return;
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        Broker = await OwnBrokerNode.StartAsync(cancellationToken);
        _system = await FaultSystem.StartAsync(Broker.Uri, "shared", cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }

        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedSystemCollection : ICollectionFixture<SharedSystem>
{
    public const string Name = "shared system";
}
