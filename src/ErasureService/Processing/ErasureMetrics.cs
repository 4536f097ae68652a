using System.Diagnostics.Metrics;

namespace ProductCatalogOrders.ErasureService.Processing;

/// <summary>
/// The pipeline's figures: requests, completions, failures, blocks, per-target attempts and failures,
/// and, from the ledger on every processor pass, the open and overdue requests and the oldest open age.
/// </summary>
public sealed class ErasureMetrics
{
    public const string MeterName = "ProductCatalogOrders.Erasure";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _blocked;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _targetFailures;
    private (long Open, long Overdue, double OldestOpenSeconds) _ledger;

    public ErasureMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("pco.erasure.requests", description: "Erasure requests accepted (a repeat for an open request is not counted).");
        _completed = meter.CreateCounter<long>("pco.erasure.completed", description: "Erasure requests Verified at every target.");
        _failed = meter.CreateCounter<long>("pco.erasure.failed", description: "Targets that exhausted their attempts.");
        _blocked = meter.CreateCounter<long>("pco.erasure.blocked", description: "Requests a check blocked.");
        _attempts = meter.CreateCounter<long>("pco.erasure.target.attempts", description: "Attempts to erase at a target, by target.");
        _targetFailures = meter.CreateCounter<long>("pco.erasure.target.failures", description: "Failed attempts at a target, by target.");
        meter.CreateObservableGauge("pco.erasure.open", () => _ledger.Open, description: "Requests not yet Verified.");
        meter.CreateObservableGauge("pco.erasure.overdue", () => _ledger.Overdue, description: "Open requests older than Erasure:Deadline.");
        meter.CreateObservableGauge("pco.erasure.oldest_open_age", () => _ledger.OldestOpenSeconds, unit: "s", description: "Age of the oldest open request.");
    }

    public void Requested() => _requests.Add(1);

    public void Completed() => _completed.Add(1);

    public void Blocked() => _blocked.Add(1);

    public void Attempted(string target) => _attempts.Add(1, new KeyValuePair<string, object?>("target", target));

    public void AttemptFailed(string target, bool exhausted)
    {
        _targetFailures.Add(1, new KeyValuePair<string, object?>("target", target));
        if (exhausted)
        {
            _failed.Add(1, new KeyValuePair<string, object?>("target", target));
        }
    }

    public void Ledger(long open, long overdue, TimeSpan oldestOpen) => _ledger = (open, overdue, Math.Round(oldestOpen.TotalSeconds, 1));
}
