using ProductCatalogOrders.BuildingBlocks.Strategies;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.IntegrationTests.Infrastructure;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>The system under one deletion strategy, with synchronous calls that give up quickly, as the strategy lab runs it.</summary>
public abstract class StrategySystemFixture(TestBroker broker, DeletionStrategy strategy) : SystemFixture(broker)
{
    protected override LocalSystemOptions Configure(LocalSystemOptions options) => options with
    {
        Settings = new Dictionary<string, string?>(options.Settings)
            .Concat(StrategyLabSettings.For(strategy))
            .ToDictionary(),
    };
}

public sealed class JustDeleteSystem(TestBroker broker) : StrategySystemFixture(broker, DeletionStrategy.JustDelete);

public sealed class SynchronousCoordinationSystem(TestBroker broker) : StrategySystemFixture(broker, DeletionStrategy.SynchronousCoordination);

public sealed class JustDontDeleteSystem(TestBroker broker) : StrategySystemFixture(broker, DeletionStrategy.JustDontDelete);

public sealed class AsynchronousUpdateSystem(TestBroker broker) : StrategySystemFixture(broker, DeletionStrategy.AsynchronousUpdate);
