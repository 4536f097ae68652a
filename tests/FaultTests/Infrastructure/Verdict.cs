namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>
/// Every replica in Catalog and Order held against ProductService's snapshot.
/// <list type="bullet">
/// <item><b>Lost</b>: a replica behind the source (missing, or an older version): an event that never arrived.</item>
/// <item><b>Resurrected</b>: a replica Active where the source is not.</item>
/// <item><b>Orphaned</b>: a catalog item or order line whose product resolves neither in ProductService nor in the consumer's own replica.</item>
/// <item><b>Divergent</b>: a replica whose version or status differs from the source, for any reason.</item>
/// </list>
/// </summary>
public sealed record Verdict(int Lost, int Resurrected, int Orphaned, int Divergent, IReadOnlyList<string> Findings)
{
    public bool Clean => Lost == 0 && Resurrected == 0 && Orphaned == 0 && Divergent == 0;

    /// <summary>The first findings, one a line, for a failure message that says which product diverged and how.</summary>
    public string Describe(int max = 20) =>
        $"lost {Lost}, resurrected {Resurrected}, orphaned {Orphaned}, divergent {Divergent}:{Environment.NewLine}"
        + string.Join(Environment.NewLine, Findings.Take(max))
        + (Findings.Count > max ? $"{Environment.NewLine}... and {Findings.Count - max} more" : "");
}
