using ProductCatalogOrders.BuildingBlocks.Strategies;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.IntegrationTests.Infrastructure;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// The system as production runs it (ASPNETCORE_ENVIRONMENT=Production), under SynchronousCoordination
/// so the release endpoints exist too, and with ErasureService: every endpoint any service maps is there to be probed.
/// </summary>
public sealed class TrustBoundarySystem(TestBroker broker) : SystemFixture(broker)
{
    protected override LocalSystemOptions Configure(LocalSystemOptions options) => options with
    {
        Environment = "Production",
        WithErasure = true,
        Settings = new Dictionary<string, string?>(options.Settings).Concat(StrategyLabSettings.For(DeletionStrategy.SynchronousCoordination)).ToDictionary(),
    };
}
