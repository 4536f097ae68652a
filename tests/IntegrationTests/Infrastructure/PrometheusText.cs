using System.Globalization;
using System.Text.RegularExpressions;

namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>One sample line of the Prometheus text format: <c>name{label="value",...} number</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A /metrics scrape parsed: every sample, and each family's <c># TYPE</c>. Enough of the text
/// exposition format to read what the OpenTelemetry Prometheus exporter writes.
/// </summary>
public sealed partial class PrometheusText
{
    private PrometheusText(string text, List<PrometheusSample> samples, Dictionary<string, string> types)
    {
        Text = text;
        Samples = samples;
        Types = types;
    }

    public string Text { get; }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>Family name → counter, gauge, histogram, ...</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts[3];
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var number => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add(new PrometheusSample(match.Groups["name"].Value, labels, value));
        }

        return new PrometheusText(text, samples, types);
    }

    /// <summary>The samples of one series name whose labels include every given pair.</summary>
    public IEnumerable<PrometheusSample> Find(string name, params (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

    /// <summary>The sum over the matching samples; fails when there is none, so a missing metric never reads as 0.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels)
    {
        var found = Find(name, labels).ToList();
        Assert.True(found.Count > 0, $"/metrics has no {name}{{{string.Join(",", labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}}");
        return found.Sum(s => s.Value);
    }

    /// <summary>The text of the families whose names start with <paramref name="prefix"/>, comments included: what promtool is given.</summary>
    public string FamiliesStartingWith(string prefix) => string.Join('\n', Text.Split('\n')
        .Where(line => (line.StartsWith('#') ? line.Split(' ').ElementAtOrDefault(2) ?? "" : line).StartsWith(prefix, StringComparison.Ordinal))) + "\n";

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
