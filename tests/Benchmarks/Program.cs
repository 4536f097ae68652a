using ProductCatalogOrders.Benchmarks;

return await ProcessBenchmark.RunAsync(args);
