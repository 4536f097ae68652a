using System.Globalization;

namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>One scenario's line in the table: what it sent, what the replicas ended up as, how long that took, and its own figures.</summary>
public sealed record FaultRow(string Scenario, long EventsSent, Verdict Verdict, TimeSpan ConvergedIn, string Figures)
{
    public string Markdown() => string.Create(CultureInfo.InvariantCulture,
        $"| {Scenario} | {EventsSent:N0} | {Verdict.Lost} | {Verdict.Resurrected} | {Verdict.Orphaned} | {Verdict.Divergent} | {ConvergedIn.TotalSeconds:0.0} s | {Figures} |");
}
