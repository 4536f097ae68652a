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

builder.AddProject<Projects.CatalogService>("catalogservice")
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(catalogdb).WaitFor(catalogdb)
    .WithEnvironment("Storage__Provider", "Mongo")
    .WithEnvironment("Deletion__Strategy", deletionStrategy);

var orders = builder.AddProject<Projects.OrderService>("orderservice")
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(ordersdb).WaitFor(ordersdb)
    .WithEnvironment("Storage__Provider", "SqlServer")
    .WithEnvironment("Deletion__Strategy", deletionStrategy);

// ProductService asks OrderService about open orders before a purge, through service discovery.
builder.AddProject<Projects.ProductService>("productservice")
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(productsdb).WaitFor(productsdb)
    .WithReference(orders)
    .WithEnvironment("Storage__Provider", "SqlServer")
    .WithEnvironment("Deletion__Strategy", deletionStrategy);

builder.Build().Run();
