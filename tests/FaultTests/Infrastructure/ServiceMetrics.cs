using System.Globalization;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>Reads a consumer's own <c>pco.replica.events</c> counter from its <c>/metrics</c>: what that one process applied or ignored.</summary>
public static class ServiceMetrics
{
    /// <summary>Product events this process handled since it started, all of them or those with one outcome (<c>IgnoredStale</c>, <c>Updated</c>, <c>Inserted</c>).</summary>
    public static async Task<long> ReplicaEventsAsync(FaultApi api, ServiceProcess instance, string? change, CancellationToken cancellationToken)
    {
        using var client = api.Client(instance.BaseAddress);
        var text = await client.GetStringAsync("/metrics", cancellationToken);
        double total = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("pco_replica_events", StringComparison.Ordinal) && (change is null || line.Contains($"change=\"{change}\"", StringComparison.Ordinal)))
            {
                total += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return (long)total;
    }
}
