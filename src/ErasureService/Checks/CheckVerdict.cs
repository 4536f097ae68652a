namespace ProductCatalogOrders.ErasureService.Checks;

/// <summary>One check's answer, with the reason either way.</summary>
public sealed record CheckVerdict(string Check, bool Passed, string Reason)
{
    public static CheckVerdict Pass(string check, string reason) => new(check, true, reason);

    public static CheckVerdict Fail(string check, string reason) => new(check, false, reason);
}
