using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>
/// Compares this service's product cache, and the local records referencing it, with ProductService's
/// snapshot, and keeps the report. It only reports: nothing is deleted or changed because of a finding.
/// One run at a time: asking while a run is under way joins it.
/// </summary>
public sealed partial class Reconciler(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<Reconciler> logger)
{
    private readonly Lock _lock = new();
    private Task<ReconciliationRun>? _running;

    /// <summary>The last completed run in this process; null before the first.</summary>
    public ReconciliationRun? LastRun { get; private set; }

    /// <summary>The report as the last completed run left it.</summary>
    public IReadOnlyList<ReconciliationFinding> Findings { get; private set; } = [];

    /// <summary>Starts a run, or joins the one under way. The run belongs to the service, not to the caller: it goes on if the caller stops waiting.</summary>
    public Task<ReconciliationRun> RunAsync()
    {
        lock (_lock)
        {
            if (_running is { IsCompleted: false } running)
            {
                return running;
            }

            _running = Task.Run(() => RunOnceAsync(lifetime.ApplicationStopping));
            return _running;
        }
    }

    private async Task<ReconciliationRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var cacheStore = services.GetRequiredService<IProductReplicaStore>();
        var reports = services.GetRequiredService<IReconciliationStore>();

        // The cache and the references first, then the source: a product the cache held before the walk
        // began existed before it too, so the walk sees it unless ProductService really dropped it.
        var cache = await cacheStore.ListEntriesAsync(cancellationToken);
        var references = new Dictionary<Guid, int>();
        var referencing = new Dictionary<string, int>();
        foreach (var records in services.GetServices<IProductReferences>())
        {
            var counts = await records.CountByProductAsync(cancellationToken);
            referencing[records.ResourceType] = counts.Values.Sum();
            foreach (var (productId, count) in counts)
            {
                references[productId] = references.GetValueOrDefault(productId) + count;
            }
        }

        var source = await services.GetRequiredService<ProductSnapshot>().ReadAllAsync(cancellationToken);
        var found = CacheComparison.Compare(cache, source, references);
        if (found.Any(d => d.Kind is FindingKind.Stale or FindingKind.Missing))
        {
            var cacheNow = (await cacheStore.ListEntriesAsync(cancellationToken)).ToDictionary(e => e.ProductId);
            found = CacheComparison.StillDiverging(found, cacheNow);
        }

        var now = time.GetUtcNow();
        var findings = CacheComparison.Merge(await reports.ListFindingsAsync(cancellationToken), found, now);
        await reports.ReplaceFindingsAsync(findings, cancellationToken);
        await reports.SetCheckpointAsync(ReplicaCheckpoint.Reconciliation, now, cancellationToken);

        int Count(FindingKind kind) => findings.Count(f => f.Kind == kind);
        var run = new ReconciliationRun(
            started, now, clock.Elapsed.TotalSeconds, source.Count, cache.Count, referencing,
            Count(FindingKind.Dangling), Count(FindingKind.Stale), Count(FindingKind.Ahead), Count(FindingKind.Missing));
        (Findings, LastRun) = (findings, run);
        LogRun(run.SourceProducts, run.CachedProducts, run.Dangling, run.Stale, run.Ahead, run.Missing, run.DurationSeconds);
        return run;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reconciled {SourceProducts} source product(s) with {CachedProducts} cached: {Dangling} dangling, {Stale} stale, {Ahead} ahead, {Missing} missing, in {Seconds:0.000} s")]
    private partial void LogRun(int sourceProducts, int cachedProducts, int dangling, int stale, int ahead, int missing, double seconds);
}
