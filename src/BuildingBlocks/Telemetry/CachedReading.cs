using System.Diagnostics.Metrics;

namespace ProductCatalogOrders.BuildingBlocks.Telemetry;

/// <summary>
/// A value read from a store for observable gauges, read again only when older than
/// <paramref name="maxAge"/>: every gauge of one scrape shares one read, and scrapes closer together
/// than that cost the store nothing. A read that fails keeps the last value, or none before the first
/// (a broken store shows in /health, not as a failed scrape).
/// </summary>
public sealed class CachedReading<T>(Func<T> read, TimeSpan maxAge, TimeProvider time) where T : class
{
    private readonly Lock _lock = new();
    private T? _value;
    private long _readAt;

    public T? Current
    {
        get
        {
            lock (_lock)
            {
                if (_value is null || time.GetElapsedTime(_readAt) >= maxAge)
                {
                    try
                    {
                        _value = read();
                        _readAt = time.GetTimestamp();
                    }
                    catch (Exception)
                    {
                        // Keep the last reading; the next scrape tries again.
                    }
                }

                return _value;
            }
        }
    }

    /// <summary>An observable gauge's callback: one measurement from the current reading, none before the first.</summary>
    public Func<IEnumerable<Measurement<double>>> Gauge(Func<T, double> value, params KeyValuePair<string, object?>[] tags) => () =>
        Current is { } reading ? [new Measurement<double>(value(reading), tags)] : [];
}
