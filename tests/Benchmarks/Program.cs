using ProductCatalogOrders.Benchmarks;

return args is ["reconciliation", .. var rest]
    ? await ReconciliationBenchmark.RunAsync(rest)
    : await ProcessBenchmark.RunAsync(args);
