using Microsoft.Extensions.Time.Testing;
using ProductCatalogOrders.BuildingBlocks.Telemetry;

namespace ProductCatalogOrders.UnitTests.Telemetry;

/// <summary>A gauge read from the store asks the store at most once per max age, and a failed read never breaks a scrape.</summary>
public sealed class CachedReadingTests
{
    private readonly FakeTimeProvider _time = new();
    private int _reads;
    private bool _fail;

    private CachedReading<string> Reading() => new(() => _fail ? throw new InvalidOperationException("store down") : $"read {++_reads}", TimeSpan.FromSeconds(5), _time);

    [Fact]
    public void Scrapes_within_the_max_age_share_one_read_and_a_later_one_reads_again()
    {
        var reading = Reading();

        Assert.Equal("read 1", reading.Current);
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal("read 1", reading.Current);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("read 2", reading.Current);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public void A_failed_read_keeps_the_last_value_and_before_the_first_the_gauge_reports_nothing()
    {
        var reading = Reading();
        _fail = true;
        Assert.Null(reading.Current);
        Assert.Empty(reading.Gauge(r => r.Length)());

        _fail = false;
        Assert.Equal("read 1", reading.Current);
        _fail = true;
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("read 1", reading.Current);
        Assert.Equal(6, Assert.Single(reading.Gauge(r => r.Length)()).Value);
    }
}
