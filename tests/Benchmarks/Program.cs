using ProductCatalogOrders.Benchmarks;

return args switch
{
    ["reconciliation", .. var rest] => await ReconciliationBenchmark.RunAsync(rest),
    ["erasure", .. var rest] => await ErasureBenchmark.RunAsync(rest),
    _ => await ProcessBenchmark.RunAsync(args),
};
