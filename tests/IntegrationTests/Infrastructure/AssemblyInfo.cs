using ProductCatalogOrders.IntegrationTests.Infrastructure;

[assembly: AssemblyFixture(typeof(TestBroker))]
