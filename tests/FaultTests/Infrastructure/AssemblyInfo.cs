using ProductCatalogOrders.FaultTests.Infrastructure;

// Scenarios crash processes and measure recovery times: one at a time, never beside each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: AssemblyFixture(typeof(FaultTable))]
