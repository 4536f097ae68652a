using ProductCatalogOrders.StrategyLab;

return await Lab.RunAsync(args);
