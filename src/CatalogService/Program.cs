using ProductCatalogOrders.BuildingBlocks.Hosting;
using ProductCatalogOrders.CatalogService;

return await ServiceRunner.RunAsync(() => CatalogServiceApp.Build(args));
