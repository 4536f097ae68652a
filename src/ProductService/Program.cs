using ProductCatalogOrders.BuildingBlocks.Hosting;
using ProductCatalogOrders.ProductService;

return await ServiceRunner.RunAsync(() => ProductServiceApp.Build(args));
