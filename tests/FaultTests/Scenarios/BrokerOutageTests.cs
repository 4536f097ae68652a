using System.Collections.Concurrent;
using System.Diagnostics;
using ProductCatalogOrders.FaultTests.Infrastructure;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.FaultTests.Scenarios;

/// <summary>
/// The broker stopped for 15 s while events stream in, then started again: the suite's own node, which
/// the whole suite runs on. The services are not restarted: they reconnect by themselves,
/// ProductService's outbox keeps what it could not publish, and every /health answers 200 Degraded
/// through the outage, never 503.
/// </summary>
[Collection(SharedSystemCollection.Name)]
public sealed class BrokerOutageTests(SharedSystem shared, FaultTable table)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Broker_stopped_for_15_s_mid_stream_loses_nothing_and_only_degrades_health()
    {
        var system = shared.System;
        var broker = shared.Broker;
        var cancellationToken = TestContext.Current.CancellationToken;
        var scenario = await Scenario.BeginAsync("broker stopped 15 s mid-stream (a node of the suite's own)", system, table);
        var ids = await scenario.PrepareProductsAsync("outage", 100);
        var pids = system.Services.Select(s => s.Pid).ToList();

        // A paced stream that runs until the broker is back: calls go on through the whole outage.
        var churn = ProductChurn.Cycle(system.Api, ids, concurrency: 2, TimeSpan.FromMilliseconds(50), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var sinceStop = Stopwatch.StartNew();
        await broker.StopAsync(cancellationToken);
        var callsAtStop = churn.Calls;

        using var probing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var health = system.Services.ToDictionary(s => s.Name, _ => new ConcurrentBag<string>());
        var probes = Task.WhenAll(system.Services.Select(s => ProbeHealthAsync(s, health[s.Name], probing.Token)));
        await Task.Delay(Outage, cancellationToken);
        await broker.StartAgainAsync(cancellationToken);
        var down = sinceStop.Elapsed;
        var callsDuringOutage = churn.Calls - callsAtStop;
        await probing.CancelAsync();
        await probes;
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        await churn.StopAsync();
        Assert.True(callsDuringOutage > 0, "no call was answered while the broker was stopped: the stream did not run through the outage");

        var row = await scenario.EndAsync(sinceStop,
            $"broker gone {down.TotalSeconds:0.0} s (stopped {Outage.TotalSeconds:0} s, then its boot); {callsDuringOutage} calls answered while it was gone; "
            + $"/health during the outage: {string.Join(", ", health.Select(h => $"{h.Key} {Summary(h.Value)}"))}");

        Assert.Equal(pids, system.Services.Select(s => s.Pid).ToList());
        foreach (var service in system.Services)
        {
            await WaitHealthyAgainAsync(service, cancellationToken);
        }

        foreach (var (service, answers) in health)
        {
            Assert.True(answers.All(a => a.StartsWith("200", StringComparison.Ordinal)), $"{row.Scenario}: {service}'s /health answered {Summary(answers)} during the outage; it must stay 200");
            Assert.True(answers.Any(a => a == "200 Degraded"), $"{row.Scenario}: {service}'s /health never said Degraded during the outage: {Summary(answers)}");
        }
    }

    /// <summary>After the outage every service reconnects by itself: its /health says Healthy again.</summary>
    private static async Task WaitHealthyAgainAsync(ServiceProcess service, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        string status;
        do
        {
            using var response = await client.GetAsync("/health", cancellationToken);
            using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            status = $"{(int)response.StatusCode} {body.RootElement.GetProperty("status").GetString()}";
            if (status == "200 Healthy")
            {
                return;
            }

            await Task.Delay(250, cancellationToken);
        }
        while (waited.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Fail($"{service.Name} still answers /health with {status} 30 s after its events converged: it did not reconnect by itself");
    }

    private static string Summary(IEnumerable<string> answers) =>
        string.Join(" / ", answers.GroupBy(a => a).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} x{g.Count()}"));

    /// <summary>Asks /health every 250 ms and keeps "status overall" of each answer, until cancelled.</summary>
    private static async Task ProbeHealthAsync(ServiceProcess service, ConcurrentBag<string> answers, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync("/health", cancellationToken);
                using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                answers.Add($"{(int)response.StatusCode} {body.RootElement.GetProperty("status").GetString()}");
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
