using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.IntegrationTests.Infrastructure;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// The four services, ErasureService included, with the erasure pipeline's waits shortened so that
/// retries, rechecks and a lost confirmation's second request happen within a test, and synchronous
/// calls that give up within seconds.
/// </summary>
public sealed class ErasureSystem(TestBroker broker) : SystemFixture(broker)
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Erasure:PollInterval"] = "00:00:00.200",
        ["Erasure:FirstRetryDelay"] = "00:00:00.200",
        ["Erasure:MaxRetryDelay"] = "00:00:01",
        ["Erasure:MaxAttempts"] = "30",
        ["Erasure:ConfirmationTimeout"] = "00:00:03",
        ["Erasure:BlockedRecheckInterval"] = "00:00:00.300",
        ["HttpResilience:Retry:MaxRetryAttempts"] = "1",
        ["HttpResilience:Retry:Delay"] = "00:00:00.050",
        ["HttpResilience:AttemptTimeout:Timeout"] = "00:00:01",
        ["HttpResilience:TotalRequestTimeout:Timeout"] = "00:00:03",
        ["HttpResilience:CircuitBreaker:SamplingDuration"] = "00:00:02",
        ["HttpResilience:CircuitBreaker:BreakDuration"] = "00:00:00.500",
    };

    protected override LocalSystemOptions Configure(LocalSystemOptions options) => options with
    {
        WithErasure = true,
        Settings = new Dictionary<string, string?>(options.Settings).Concat(Settings).ToDictionary(),
    };
}
