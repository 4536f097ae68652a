using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Messaging;

namespace ProductCatalogOrders.BuildingBlocks.Telemetry;

/// <summary>
/// Requests, successes and failures of each deletion kind (<see cref="DeletionKinds"/>) in this
/// service, so success and failure rates derive: <c>successes / requests</c>. Every request ends in
/// exactly one of the two; a failure says why (<see cref="MetricAttributes.FailureReason"/>).
/// </summary>
public sealed class DeletionMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _successes;
    private readonly Counter<long> _failures;
    private readonly KeyValuePair<string, object?> _service;

    public DeletionMetrics(IMeterFactory meterFactory, ConsumerIdentity service)
    {
        var meter = meterFactory.Create(MetricNames.DeletionMeter);
        _service = new(MetricAttributes.Service, service.Name);
        _requests = meter.CreateCounter<long>(MetricNames.DeletionRequests, "{request}", "Deletion requests received, per kind.");
        _successes = meter.CreateCounter<long>(MetricNames.DeletionSuccesses, "{request}", "Deletion requests that did what was asked (or found it already done).");
        _failures = meter.CreateCounter<long>(MetricNames.DeletionFailures, "{request}", "Deletion requests that changed nothing, per kind and reason.");
    }

    public void Requested(string kind) => _requests.Add(1, _service, Kind(kind));

    public void Succeeded(string kind) => _successes.Add(1, _service, Kind(kind));

    /// <param name="reason">One of <see cref="FailureReasons"/>.</param>
    public void Failed(string kind, string reason) =>
        _failures.Add(1, _service, Kind(kind), new KeyValuePair<string, object?>(MetricAttributes.FailureReason, reason));

    /// <summary>
    /// Runs a change; one that loses every race to concurrent changes of the same resource (and so
    /// answers 409 Concurrent change) is counted as a <see cref="FailureReasons.Conflict"/> failure.
    /// </summary>
    public async Task<T> CountingConflictsAsync<T>(string kind, Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        catch (DbUpdateConcurrencyException)
        {
            Failed(kind, FailureReasons.Conflict);
            throw;
        }
    }

    private static KeyValuePair<string, object?> Kind(string kind) => new(MetricAttributes.DeletionKind, kind);
}
