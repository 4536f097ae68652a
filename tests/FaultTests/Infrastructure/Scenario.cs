using System.Diagnostics;

namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>
/// One scenario's bookkeeping: the outbox count when it began (so it can say how many events it
/// caused), its own products, and its ending: wait for convergence, add the row, assert a clean verdict.
/// </summary>
public sealed class Scenario
{
    private static readonly TimeSpan ConvergenceTimeout = TimeSpan.FromSeconds(90);

    private readonly long _outboxAtStart;

    private Scenario(string name, FaultSystem system, FaultTable table, long outboxAtStart)
    {
        Name = name;
        System = system;
        Table = table;
        _outboxAtStart = outboxAtStart;
    }

    public string Name { get; }

    public FaultSystem System { get; }

    public FaultTable Table { get; }

    /// <summary>Copies of events the scenario put on the broker itself, counted as sent.</summary>
    public long InjectedEvents { get; set; }

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<Scenario> BeginAsync(string name, FaultSystem system, FaultTable table)
    {
        // A scenario that failed half-way may have left a service down; the next one starts whole.
        foreach (var service in system.Services.Where(s => !s.IsRunning))
        {
            await service.RestartAsync(cancellationToken: Cancellation);
        }

        var (written, _) = await Convergence.OutboxAsync(system.ProductsDatabase, Cancellation);
        return new Scenario(name, system, table, written);
    }

    /// <summary>Creates products, waits until both consumers hold them, and gives the first <paramref name="referenced"/> a catalog item and an order.</summary>
    public async Task<List<Guid>> PrepareProductsAsync(string tag, int count, int referenced = 5)
    {
        var ids = await System.Api.CreateProductsAsync(tag, count, Cancellation);
        await ExpectConvergedAsync($"{Name}: products created", Stopwatch.StartNew());
        await System.Api.ReferenceAsync(ids.Take(referenced), Cancellation);
        return ids;
    }

    /// <summary>Waits for a clean verdict, without recording a row: for set-up steps.</summary>
    public async Task ExpectConvergedAsync(string step, Stopwatch since)
    {
        var (verdict, _) = await Convergence.WaitAsync(System, since, ConvergenceTimeout, Cancellation);
        Assert.True(verdict.Clean, $"{step}: not converged within {ConvergenceTimeout.TotalSeconds:0} s: {verdict.Describe()}");
    }

    /// <summary>Waits for convergence (timed from <paramref name="since"/>), records the row, and asserts 0 lost, resurrected, orphaned and divergent.</summary>
    public async Task<FaultRow> EndAsync(Stopwatch since, string figures)
    {
        var (verdict, took) = await Convergence.WaitAsync(System, since, ConvergenceTimeout, Cancellation);
        var (written, _) = await Convergence.OutboxAsync(System.ProductsDatabase, Cancellation);
        var row = new FaultRow(Name, written - _outboxAtStart + InjectedEvents, verdict, took, verdict.Clean ? figures : $"{figures}; NOT converged");
        Table.Add(row);
        TestContext.Current.SendDiagnosticMessage(row.Markdown());
        Assert.True(verdict.Clean, $"{Name}: not converged within {ConvergenceTimeout.TotalSeconds:0} s: {verdict.Describe()}");
        return row;
    }
}
