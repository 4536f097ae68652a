using System.Reflection;
using System.Text.RegularExpressions;
using ProductCatalogOrders.BuildingBlocks.Telemetry;

namespace ProductCatalogOrders.UnitTests.Telemetry;

/// <summary>The metric names of the table follow OpenTelemetry's naming rules, so every exporter shows them alike.</summary>
public sealed partial class MetricNamesTests
{
    private static readonly List<string> Names = typeof(MetricNames).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && !f.Name.EndsWith("Meter", StringComparison.Ordinal))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    [Fact]
    public void Every_name_is_lower_case_dotted_under_pco()
    {
        Assert.Equal(18, Names.Count);
        Assert.All(Names, name => Assert.Matches(InstrumentName(), name));
    }

    [Fact]
    public void No_name_is_also_the_namespace_of_another_and_none_repeats()
    {
        Assert.All(Names, name => Assert.DoesNotContain(Names, other => other.StartsWith(name + ".", StringComparison.Ordinal)));
        Assert.Equal(Names.Count, Names.Distinct().Count());
    }

    [Fact]
    public void Every_meter_is_named_under_the_project_prefix_that_service_defaults_export_or_is_MassTransit_s_own()
    {
        var meters = typeof(MetricNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.Name.EndsWith("Meter", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.All(meters.Where(m => m != MetricNames.MassTransitMeter), m => Assert.StartsWith("ProductCatalogOrders.", m));
        Assert.Equal(Microsoft.Extensions.Hosting.Extensions.MassTransitMeter, MetricNames.MassTransitMeter);
    }

    [GeneratedRegex(@"^pco(\.[a-z][a-z0-9_]*)+$")]
    private static partial Regex InstrumentName();
}
