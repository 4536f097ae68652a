namespace ProductCatalogOrders.StrategyLab;

public sealed record LabReport(
    DateTimeOffset GeneratedAt,
    LabReportParameters Parameters,
    LabMachine Machine,
    IReadOnlyList<StrategyResult> Strategies,
    double DurationSeconds);

public sealed record LabReportParameters(bool Quick, int Products, int SeedOrders, int Removals, double OutageSeconds, double LoadPerSecond, double LoadSeconds);

public sealed record LabMachine(int Cores, string Os, string Runtime, string Broker);
