using ProductCatalogOrders.BuildingBlocks.Hosting;
using ProductCatalogOrders.OrderService;

return await ServiceRunner.RunAsync(() => OrderServiceApp.Build(args));
