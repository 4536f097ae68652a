using ProductCatalogOrders.BuildingBlocks.Hosting;
using ProductCatalogOrders.ErasureService;

return await ServiceRunner.RunAsync(() => ErasureServiceApp.Build(args));
