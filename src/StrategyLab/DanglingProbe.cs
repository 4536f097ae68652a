using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ProductCatalogOrders.BuildingBlocks.Reconciliation;

namespace ProductCatalogOrders.StrategyLab;

/// <summary>One dangling gauge series as <c>/metrics</c> exported it after the reconciliation.</summary>
public sealed record DanglingFigure(string Service, string ResourceType, double Count, double OldestAgeSeconds, double Ratio);

/// <summary>
/// What one consumer's reconciliation found after a strategy's scenario: the run's counts, the report's
/// dangling findings, and the dangling gauges read back from <c>/metrics</c> (one per resource type).
/// </summary>
public sealed record ServiceReconciliation(
    string Service,
    int SourceProducts,
    int CachedProducts,
    int DanglingFindings,
    int StaleFindings,
    int AheadFindings,
    int MissingFindings,
    double DurationSeconds,
    IReadOnlyList<DanglingFigure> Dangling);

/// <summary>
/// Runs the reconciliation in one consumer (<c>POST /reconciliation</c>), reads its report and its
/// dangling gauges, and checks that they agree. A gauge that is missing, or that disagrees with the
/// report it is computed from, stops the lab: a missing metric never reads as zero.
/// </summary>
public static partial class DanglingProbe
{
    public const string Resources = "pco_dangling_resources";
    public const string OldestAge = "pco_dangling_oldest_age_seconds";
    public const string Ratio = "pco_dangling_ratio";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The reconciliation's figures for <paramref name="service"/> and the raw excerpt of its <c>/metrics</c>.</summary>
    public static async Task<(ServiceReconciliation Result, string Excerpt)> RunAsync(
        HttpClient client, string service, string referencingType, CancellationToken cancellationToken)
    {
        var run = await ReconcileAsync(client, service, cancellationToken);
        var dangling = await DanglingFindingsAsync(client, cancellationToken);
        var text = await client.GetStringAsync("/metrics", cancellationToken);
        var figures = Read(text, service, [DanglingMetrics.ReplicaResourceType, referencingType]);

        // The gauges are computed from the same findings the report lists: the copies themselves, and
        // the local records that reference a dangling product.
        var copies = dangling.Count(f => f.CacheVersion is not null);
        var references = dangling.Sum(f => f.References);
        Agree(service, DanglingMetrics.ReplicaResourceType, figures, copies);
        Agree(service, referencingType, figures, references);

        return (new ServiceReconciliation(service, run.SourceProducts, run.CachedProducts, run.Dangling, run.Stale, run.Ahead, run.Missing,
            run.DurationSeconds, figures), Excerpt(text, service));
    }

    /// <summary>
    /// The dangling gauges of <paramref name="service"/> in a scrape, one figure per resource type. Throws
    /// when any of the three families lacks a series for a resource type: nothing is read as zero.
    /// </summary>
    public static IReadOnlyList<DanglingFigure> Read(string scrape, string service, IReadOnlyList<string> resourceTypes)
    {
        var samples = new Dictionary<(string Name, string ResourceType), double>();
        foreach (Match line in SampleLine().Matches(scrape))
        {
            var labels = LabelPair().Matches(line.Groups["labels"].Value).ToDictionary(l => l.Groups["key"].Value, l => l.Groups["value"].Value);
            // In-process hosts share one process, whose meter listeners also see the other consumer's gauges.
            if (labels.GetValueOrDefault("service") == service && labels.TryGetValue("resource_type", out var resourceType)
                && !samples.TryAdd((line.Groups["name"].Value, resourceType), double.Parse(line.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)))
            {
                // Another system alive in this process exports the same series: neither value can be told apart.
                throw new InvalidOperationException($"/metrics of {service} has {line.Groups["name"].Value}{{resource_type=\"{resourceType}\"}} twice; is another system hosted in this process?");
            }
        }

        var missing = resourceTypes.SelectMany(t => new[] { Resources, OldestAge, Ratio }.Select(name => (name, t)))
            .Where(key => !samples.ContainsKey(key)).Select(key => $"{key.name}{{service=\"{service}\",resource_type=\"{key.t}\"}}").ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"/metrics of {service} has no {string.Join(", ", missing)} after a reconciliation.");
        }

        return resourceTypes.Select(t => new DanglingFigure(service, t, samples[(Resources, t)], samples[(OldestAge, t)], samples[(Ratio, t)])).ToList();
    }

    /// <summary>
    /// The dangling and reconciliation lines of a scrape, comments included, histogram buckets and the
    /// other in-process consumer's dangling series left out.
    /// </summary>
    public static string Excerpt(string scrape, string service)
    {
        var excerpt = new StringBuilder();
        foreach (var line in scrape.Split('\n'))
        {
            var dangling = line.Contains("dangling", StringComparison.Ordinal);
            if ((dangling || line.Contains("reconciliation", StringComparison.OrdinalIgnoreCase))
                && !line.Contains("_bucket{", StringComparison.Ordinal)
                && (!dangling || line.StartsWith('#') || line.Contains($"service=\"{service}\"", StringComparison.Ordinal)))
            {
                excerpt.AppendLine(line.TrimEnd());
            }
        }

        return excerpt.ToString();
    }

    private static void Agree(string service, string resourceType, IReadOnlyList<DanglingFigure> figures, int fromReport)
    {
        var gauge = figures.Single(f => f.ResourceType == resourceType).Count;
        if (gauge != fromReport)
        {
            throw new InvalidOperationException(
                $"{service}: {Resources}{{resource_type=\"{resourceType}\"}} is {gauge}, but the reconciliation report lists {fromReport} dangling.");
        }
    }

    /// <summary>
    /// Runs a reconciliation; a run that outlasts the call's wait (202) is followed in the report until it
    /// lands. Right after the lab's outage the consumer's circuit to ProductService may still be open
    /// (503 for a few seconds): asked again each second, for up to 30 s.
    /// </summary>
    private static async Task<ReconciliationRun> ReconcileAsync(HttpClient client, string service, CancellationToken cancellationToken)
    {
        var asked = DateTimeOffset.UtcNow;
        var response = await client.PostAsync("/reconciliation", null, cancellationToken);
        for (var attempt = 1; response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 30; attempt++)
        {
            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            response = await client.PostAsync("/reconciliation", null, cancellationToken);
        }

        using var _ = response;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return (await response.Content.ReadFromJsonAsync<ReconciliationRun>(Json, cancellationToken))!;
        }

        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /reconciliation in {service}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            var report = await client.GetFromJsonAsync<ReconciliationReport>($"{ReconciliationApi.ReportPath}?limit=1", Json, cancellationToken);
            if (report?.LastRun is { } run && run.StartedAt >= asked.AddSeconds(-1))
            {
                return run;
            }
        }

        throw new TimeoutException($"The reconciliation in {service} did not end within 2 minutes.");
    }

    private static async Task<List<FindingResponse>> DanglingFindingsAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var findings = new List<FindingResponse>();
        string? after = null;
        do
        {
            var query = $"{ReconciliationApi.ReportPath}?kind={FindingKind.Dangling}&limit=1000" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var page = await client.GetFromJsonAsync<ReconciliationReport>(query, Json, cancellationToken)
                ?? throw new InvalidOperationException("The reconciliation report was empty.");
            findings.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        return findings;
    }

    [GeneratedRegex("""^(?<name>pco_dangling_[a-z_]+)\{(?<labels>[^}]*)\}\s+(?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>[^""]*)""")]
    private static partial Regex LabelPair();
}
