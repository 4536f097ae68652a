using ProductCatalogOrders.StoreContractTests.Fixtures;

[assembly: AssemblyFixture(typeof(SqlServerServer))]
[assembly: AssemblyFixture(typeof(MongoServer))]
