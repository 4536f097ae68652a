using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.Telemetry;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>
/// Deletions in their DELETING step, as gauges read from the store: how many, how many are stuck
/// (unconfirmed for longer than <c>Deletion:StuckAfter</c>) and for how long the oldest has been, and
/// per consumer how many it has not confirmed yet (its lag, as ProductService sees it). Read at most
/// once per <see cref="TelemetryOptions.StoreGaugeMaxAge"/>. A hosted service only so the gauges exist from start-up.
/// </summary>
public sealed class DeletionGauges : IHostedService
{
    private readonly CachedReading<DeletionReading> _reading;
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptionsMonitor<DeletionOptions> _options;
    private readonly TimeProvider _time;

    public DeletionGauges(
        IMeterFactory meterFactory, IServiceScopeFactory scopes, ConsumerIdentity service, IOptionsMonitor<DeletionOptions> options,
        IOptions<TelemetryOptions> telemetry, TimeProvider time)
    {
        _scopes = scopes;
        _options = options;
        _time = time;
        _reading = new CachedReading<DeletionReading>(Read, telemetry.Value.StoreGaugeMaxAge, time);
        var meter = meterFactory.Create(MetricNames.DeletionMeter);
        var tag = new KeyValuePair<string, object?>(MetricAttributes.Service, service.Name);
        meter.CreateObservableGauge(MetricNames.DeletionsInProgress, _reading.Gauge(r => r.InProgress, tag), "{deletion}",
            "Products in their DELETING step (Decommissioning).");
        meter.CreateObservableGauge(MetricNames.DeletionsStuck, _reading.Gauge(r => r.Stuck, tag), "{deletion}",
            "Deletions unconfirmed for longer than Deletion:StuckAfter (GET /deletions?state=stuck).");
        meter.CreateObservableGauge(MetricNames.DeletionStuckOldestAge, _reading.Gauge(r => r.Stuck > 0 ? r.OldestAgeSeconds : 0, tag), "s",
            "How long the oldest stuck deletion has been in its DELETING step; 0 when none is stuck.");
        meter.CreateObservableGauge(MetricNames.DeletionsAwaitingConfirmation, ObserveAwaiting(tag), "{deletion}",
            "Per consumer: deletions in their DELETING step it has not confirmed yet.");
    }

    private Func<IEnumerable<Measurement<double>>> ObserveAwaiting(KeyValuePair<string, object?> tag) => () =>
        _reading.Current is { } reading
            ? reading.AwaitingByConsumer.Select(c => new Measurement<double>(c.Value, tag, new(MetricAttributes.Consumer, c.Key)))
            : [];

    private DeletionReading Read()
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductsDbContext>();
        var settings = _options.CurrentValue;
        var now = _time.GetUtcNow();

        // Only the timestamps, compared here: SQLite cannot compare DateTimeOffset values.
        var since = db.Products.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Decommissioning)
            .Select(p => p.DecommissionedAt)
            .ToList();
        var ages = since.Select(at => at is { } t ? (now - t).TotalSeconds : 0).ToList();
        var stuck = ages.Count(age => age > settings.StuckAfter.TotalSeconds);

        var awaiting = new Dictionary<string, int>();
        foreach (var consumer in settings.ConsumerNames)
        {
            awaiting[consumer] = db.Products.AsNoTracking().Count(p =>
                p.Status == ProductStatus.Decommissioning
                && !db.DeletionConfirmations.Any(c => c.ProductId == p.Id && c.Version == p.DecommissionVersion && c.Consumer == consumer));
        }

        return new DeletionReading(ages.Count, stuck, ages.Count > 0 ? ages.Max() : 0, awaiting);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record DeletionReading(int InProgress, int Stuck, double OldestAgeSeconds, IReadOnlyDictionary<string, int> AwaitingByConsumer);
}
