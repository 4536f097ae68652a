using System.Diagnostics.Metrics;

namespace ProductCatalogOrders.ErasureDataset;

/// <summary>
/// What the dataset writer wrote, and what the dataset retention was asked to delete: requests
/// (day folders evaluated), successes (deleted, or would be in a dry run) and failures (kept by a
/// check, or a deletion that broke). Rates are successes or failures over requests.
/// </summary>
public sealed class ErasureDatasetMetrics
{
    public const string MeterName = "ProductCatalogOrders.ErasureDataset";
    public const string EventsWrittenName = "pco.erasure_dataset.events_written";
    public const string FilesWrittenName = "pco.erasure_dataset.files_written";
    public const string RetentionRequestsName = "pco.erasure_dataset.retention.requests";
    public const string RetentionSuccessesName = "pco.erasure_dataset.retention.successes";
    public const string RetentionFailuresName = "pco.erasure_dataset.retention.failures";

    private readonly Counter<long> _events;
    private readonly Counter<long> _files;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _successes;
    private readonly Counter<long> _failures;

    public ErasureDatasetMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _events = meter.CreateCounter<long>(EventsWrittenName, "{event}", "Erasure events written to the dataset (a batch redone after a crash counts again).");
        _files = meter.CreateCounter<long>(FilesWrittenName, "{file}", "Parquet files written to the dataset.");
        _requests = meter.CreateCounter<long>(RetentionRequestsName, "{folder}", "Day folders past retention that a retention run evaluated.");
        _successes = meter.CreateCounter<long>(RetentionSuccessesName, "{folder}", "Day folders deleted (or that a dry run would delete).");
        _failures = meter.CreateCounter<long>(RetentionFailuresName, "{folder}", "Day folders kept by a failed check, or whose deletion broke.");
    }

    public void BatchWritten(int events, int files)
    {
        _events.Add(events);
        _files.Add(files);
    }

    public void RetentionRequested(bool dryRun) => _requests.Add(1, DryRun(dryRun));

    public void RetentionSucceeded(bool dryRun) => _successes.Add(1, DryRun(dryRun));

    /// <param name="reason">The first failed check's name, or "error" when the deletion itself broke.</param>
    public void RetentionFailed(bool dryRun, string reason) => _failures.Add(1, DryRun(dryRun), new KeyValuePair<string, object?>("reason", reason));

    private static KeyValuePair<string, object?> DryRun(bool dryRun) => new("dry_run", dryRun);
}
