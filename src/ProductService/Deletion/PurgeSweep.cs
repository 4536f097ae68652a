using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>
/// Purges, on a schedule (<c>Deletion:PurgeSweep</c>), every product past retention whose deletion
/// checks all pass, so data does not outlive its retention because nobody remembered it. It acts as
/// the <c>service</c> identity (the audit trail names it), looks at a few candidates per run, and
/// spends one permit of the destructive-operation rate limit per purge, as a caller of the API would:
/// what the limit leaves waits for the next run. What it refuses, it logs with every failed check
/// (and the deletion audit logs each verdict); the last run is kept for <c>GET /deletions/purge-sweep</c>.
/// </summary>
public sealed partial class PurgeSweep : IDisposable
{
    /// <summary>The token subject the sweep acts as; the destructive rate limit counts its purges under it.</summary>
    public const string Subject = Scopes.Service;

    private readonly IServiceScopeFactory _scopes;
    private readonly PurgeSweepOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PurgeSweep> _logger;
    private readonly RateLimiter _rateLimit;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private PurgeSweepRun? _lastRun;

    public PurgeSweep(
        IServiceScopeFactory scopes, IOptions<PurgeSweepOptions> options, IOptions<SecurityOptions> security, TimeProvider time, ILogger<PurgeSweep> logger)
    {
        _scopes = scopes;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var limits = security.Value.DestructiveRateLimit;
        _rateLimit = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limits.IsHighVolume(Subject) ? limits.HighVolumePermitLimit : limits.PermitLimit),
            Window = limits.Window,
            QueueLimit = 0,
        });
    }

    /// <summary>The sweep's caller: the service itself, with the purge scope its authorization check asks for.</summary>
    public static ClaimsPrincipal Caller { get; } = new(new ClaimsIdentity(
        [
            new Claim(CallerClaims.Subject, Subject),
            new Claim(CallerClaims.Name, "purge sweep"),
            new Claim(Scopes.ClaimType, $"{Scopes.Service} {Scopes.ProductsPurge}"),
        ],
        authenticationType: "PurgeSweep"));

    public PurgeSweepStatus Status => new(_options.Enabled, _options.Interval, _options.BatchSize, Caller.Actor(), Volatile.Read(ref _lastRun));

    /// <summary>One sweep: candidates oldest first, each checked, the allowed ones purged while the rate limit lasts.</summary>
    public async Task<PurgeSweepRun> RunAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var run = await SweepAsync(cancellationToken);
            Volatile.Write(ref _lastRun, run);
            LogSwept(run.Candidates, run.Purged.Count, run.Refused.Count, run.LeftByRateLimit, run.LeftByBatchSize);
            return run;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<PurgeSweepRun> SweepAsync(CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();
        List<Product> candidates;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<IOptions<DeletionOptions>>().Value;
            candidates = await PurgeCandidates.ListAsync(scope.ServiceProvider.GetRequiredService<ProductsDbContext>(), settings, startedAt, cancellationToken);
        }

        var purged = new List<SweptProduct>();
        var refused = new List<RefusedProduct>();
        var leftByRateLimit = 0;
        foreach (var candidate in candidates.Take(_options.BatchSize))
        {
            // A fresh scope (and DbContext) per product, as a request would have.
            await using var scope = _scopes.CreateAsyncScope();
            var purge = scope.ServiceProvider.GetRequiredService<PurgeProduct>();

            // The verdicts first, which change nothing: only a purge that will happen spends a permit.
            var verdict = await purge.PurgeAsync(candidate.Id, Caller, dryRun: true, cancellationToken);
            if (verdict.Result == PurgeResult.NotFound)
            {
                continue;
            }

            if (!verdict.Allowed)
            {
                refused.Add(Refuse(candidate, verdict.FailedChecks));
                continue;
            }

            using var permit = _rateLimit.AttemptAcquire();
            if (!permit.IsAcquired)
            {
                leftByRateLimit++;
                continue;
            }

            var outcome = await purge.PurgeAsync(candidate.Id, Caller, dryRun: false, cancellationToken);
            if (outcome.Result == PurgeResult.Purged)
            {
                purged.Add(new SweptProduct(candidate.Id, candidate.Sku));
            }
            else
            {
                // Something changed between the verdicts and the purge: a new legal hold, an order, a restore.
                refused.Add(Refuse(candidate, outcome.FailedChecks is { Count: > 0 } failed
                    ? failed
                    : [new Checks.CheckVerdict("sweep", false, outcome.Reason ?? outcome.Result.ToString())]));
            }
        }

        return new PurgeSweepRun(
            startedAt, _time.GetUtcNow(), candidates.Count, purged, refused, leftByRateLimit, Math.Max(0, candidates.Count - _options.BatchSize));
    }

    private RefusedProduct Refuse(Product product, IReadOnlyList<Checks.CheckVerdict> failed)
    {
        LogRefused(product.Id, product.Sku, string.Join("; ", failed.Select(v => $"{v.Check}: {v.Reason}")));
        return new RefusedProduct(product.Id, product.Sku, failed);
    }

    public void Dispose()
    {
        _rateLimit.Dispose();
        _oneAtATime.Dispose();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Purge sweep: {Candidates} past retention, {Purged} purged, {Refused} refused, {LeftByRateLimit} left by the rate limit, {LeftByBatchSize} beyond the batch")]
    private partial void LogSwept(int candidates, int purged, int refused, int leftByRateLimit, int leftByBatchSize);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Purge sweep refused product {ProductId} ({Sku}): {Reasons}")]
    private partial void LogRefused(Guid productId, string sku, string reasons);
}
