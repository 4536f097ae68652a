using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.ProductService;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>The system with ProductService on a clock the tests move forward, so 30- and 90-day windows pass in an instant.</summary>
public class LifecycleSystemFixture(TestBroker broker) : SystemFixture(broker)
{
    public ShiftableClock Clock { get; } = new();

    protected override LocalSystemOptions Configure(LocalSystemOptions options) => options with
    {
        OverrideServices = (service, services) =>
        {
            if (service == ProductServiceApp.Name)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }
        },
    };
}
