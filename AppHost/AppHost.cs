// The Aspire profile: the same three services as eng/run.sh, on containers.
var builder = DistributedApplication.CreateBuilder(args);

var messaging = builder.AddRabbitMQ("messaging")
    .WithManagementPlugin();

var sql = builder.AddSqlServer("sql");
var productsdb = sql.AddDatabase("productsdb");
var ordersdb = sql.AddDatabase("ordersdb");

var mongo = builder.AddMongoDB("mongo");
var catalogdb = mongo.AddDatabase("catalogdb");

// Deletion:Strategy for every service; the default sits in appsettings.json under Parameters.
var deletionStrategy = builder.AddParameter("deletion-strategy");

var catalog = builder.AddProject<Projects.CatalogService>("catalogservice")
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(catalogdb).WaitFor(catalogdb)
    .WithEnvironment("Storage__Provider", "Mongo")
    .WithEnvironment("Deletion__Strategy", deletionStrategy);

var orders = builder.AddProject<Projects.OrderService>("orderservice")
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(ordersdb).WaitFor(ordersdb)
    .WithEnvironment("Storage__Provider", "SqlServer")
    .WithEnvironment("Deletion__Strategy", deletionStrategy);

var products = builder.AddProject<Projects.ProductService>("productservice")
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(productsdb).WaitFor(productsdb)
    .WithEnvironment("Storage__Provider", "SqlServer")
    .WithEnvironment("Deletion__Strategy", deletionStrategy);

// Service discovery for the calls across services: ProductService asks Order and Catalog before a
// purge or a coordinated delete; under the synchronous strategies they ask ProductService.
products.WithReference(orders).WithReference(catalog);
catalog.WithReference(products);
orders.WithReference(products);

builder.Build().Run();
