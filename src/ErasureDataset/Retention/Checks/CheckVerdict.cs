namespace ProductCatalogOrders.ErasureDataset.Retention.Checks;

/// <summary>One check's answer about one day folder, with the reason either way.</summary>
public sealed record CheckVerdict(string Check, bool Passed, string Reason)
{
    public static CheckVerdict Pass(string check, string reason) => new(check, true, reason);

    public static CheckVerdict Fail(string check, string reason) => new(check, false, reason);

    public override string ToString() => $"{Check}={(Passed ? "passed" : "failed")}";
}
