// The Aspire profile: the same three services as eng/run.sh, on containers.
var builder = DistributedApplication.CreateBuilder(args);

// The services share the container's one user here: Aspire's RabbitMQ integration has no call for
// further users or permissions (README, "The Aspire path"). eng/run.sh gives each its own.
var messaging = builder.AddRabbitMQ("messaging")
    .WithManagementPlugin();

var sql = builder.AddSqlServer("sql");
var productsdb = sql.AddDatabase("productsdb");
var ordersdb = sql.AddDatabase("ordersdb");

var mongo = builder.AddMongoDB("mongo");
var catalogdb = mongo.AddDatabase("catalogdb");

// Deletion:Strategy for every service; the default sits in appsettings.json under Parameters.
var deletionStrategy = builder.AddParameter("deletion-strategy");

// The token signing key (base64, 32 bytes or more), a secret: set Parameters:token-signing-key in the
// AppHost's user secrets. Every service validates tokens with it and mints its service token from it.
var signingKey = builder.AddParameter("token-signing-key", secret: true);

var catalog = builder.AddProject<Projects.CatalogService>("catalogservice")
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(catalogdb).WaitFor(catalogdb)
    .WithEnvironment("Storage__Provider", "Mongo")
    .WithEnvironment("Deletion__Strategy", deletionStrategy)
    .WithEnvironment("Authentication__Schemes__Bearer__ValidIssuer", "pco-local")
    .WithEnvironment("Authentication__Schemes__Bearer__ValidAudiences__0", "product-catalog-orders")
    .WithEnvironment("Authentication__Schemes__Bearer__SigningKeys__0__Issuer", "pco-local")
    .WithEnvironment("Authentication__Schemes__Bearer__SigningKeys__0__Value", signingKey);

var orders = builder.AddProject<Projects.OrderService>("orderservice")
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(ordersdb).WaitFor(ordersdb)
    .WithEnvironment("Storage__Provider", "SqlServer")
    .WithEnvironment("Deletion__Strategy", deletionStrategy)
    .WithEnvironment("Authentication__Schemes__Bearer__ValidIssuer", "pco-local")
    .WithEnvironment("Authentication__Schemes__Bearer__ValidAudiences__0", "product-catalog-orders")
    .WithEnvironment("Authentication__Schemes__Bearer__SigningKeys__0__Issuer", "pco-local")
    .WithEnvironment("Authentication__Schemes__Bearer__SigningKeys__0__Value", signingKey);

var products = builder.AddProject<Projects.ProductService>("productservice")
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(productsdb).WaitFor(productsdb)
    .WithEnvironment("Storage__Provider", "SqlServer")
    .WithEnvironment("Deletion__Strategy", deletionStrategy)
    .WithEnvironment("Authentication__Schemes__Bearer__ValidIssuer", "pco-local")
    .WithEnvironment("Authentication__Schemes__Bearer__ValidAudiences__0", "product-catalog-orders")
    .WithEnvironment("Authentication__Schemes__Bearer__SigningKeys__0__Issuer", "pco-local")
    .WithEnvironment("Authentication__Schemes__Bearer__SigningKeys__0__Value", signingKey);

// Service discovery for the calls across services: ProductService asks Order and Catalog before a
// purge or a coordinated delete; under the synchronous strategies they ask ProductService.
products.WithReference(orders).WithReference(catalog);
catalog.WithReference(products);
orders.WithReference(products);

builder.Build().Run();
