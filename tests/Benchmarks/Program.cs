using ProductCatalogOrders.Benchmarks;

return await PropagationBenchmark.RunAsync(args);
