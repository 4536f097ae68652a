using System.Diagnostics;
using System.Runtime.InteropServices;
using ProductCatalogOrders.InProcessHosting;

namespace ProductCatalogOrders.StrategyLab;

/// <summary>Runs every requested strategy through the same scenario and writes the report.</summary>
public static class Lab
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(LabParameters.Usage);
            return 0;
        }

        var (parameters, error) = LabParameters.Parse(args);
        if (parameters is null)
        {
            await Console.Error.WriteLineAsync($"strategy lab: {error}");
            await Console.Error.WriteLineAsync(LabParameters.Usage);
            return 2;
        }

        // A configured broker is used as it is; on the local broker the run gets a virtual host of its own.
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__messaging");
        await using var virtualHost = configured is null ? await ThrowawayVirtualHost.TryCreateAsync("lab") : null;
        var broker = new Uri(configured ?? virtualHost?.Uri.ToString() ?? "amqp://guest:guest@127.0.0.1:5672/");

        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(parameters.Quick ? 10 : 60));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var clock = Stopwatch.StartNew();
        var results = new List<StrategyResult>();
        foreach (var strategy in parameters.Strategies)
        {
            void Progress(string step) => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {strategy}: {step}");
            Progress("starting Product, Catalog and Order with fresh databases");
            var result = await new StrategyRun(strategy, parameters, broker, Progress).RunAsync(cancel.Token);
            results.Add(result);
            Progress($"done: {result.OrphanedReferences} orphaned references, {result.RefusedRemovals} refused removals, " +
                $"order availability {result.OrderAvailability:P0} ({result.OrderAvailabilityDuringOutage:P0} during the outage)");
        }

        var report = new LabReport(
            DateTimeOffset.UtcNow,
            new LabReportParameters(parameters.Quick, parameters.Products, parameters.SeedOrders, parameters.Removals, parameters.Outage.TotalSeconds, parameters.LoadPerSecond, parameters.LoadDuration.TotalSeconds),
            new LabMachine(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, $"{broker.Host}:{broker.Port}"),
            results,
            Math.Round(clock.Elapsed.TotalSeconds, 1));
        Console.WriteLine();
        Console.WriteLine(LabReportWriter.Markdown(report));
        var written = await LabReportWriter.WriteAsync(report, parameters.OutputDirectory, cancel.Token);
        Console.WriteLine($"wrote {string.Join(", ", written)} in {clock.Elapsed.TotalSeconds:0} s");
        return 0;
    }
}
