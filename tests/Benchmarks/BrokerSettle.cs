using System.Diagnostics;
using System.Globalization;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// The raw broker's stages leave the machine busy after they end: the broker has just taken tens of
/// thousands of persistent messages and compacts its message store, and the kernel is still writing
/// them to disk, which delays every fsync the services' stores make. Whichever build ran next measured
/// that aftermath. This waits it out: the dirty pages are flushed, then the broker must stay below a
/// twentieth of one core for three seconds in a row (at most a minute; a broker whose CPU cannot be
/// read is not waited for).
/// </summary>
public static class BrokerSettle
{
    private const double QuietMillisecondsPerSecond = 50;

    public static async Task WaitAsync(Func<double?> brokerCpuMilliseconds, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var dirtyBefore = DirtyKilobytes();
        using (var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false }))
        {
            if (sync is not null)
            {
                await sync.WaitForExitAsync(cancellationToken);
            }
        }

        var flushed = waited.Elapsed;
        var quietSeconds = 0;
        var last = brokerCpuMilliseconds();
        while (last is not null && quietSeconds < 3 && waited.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = brokerCpuMilliseconds();
            quietSeconds = now - last < QuietMillisecondsPerSecond ? quietSeconds + 1 : 0;
            last = now;
        }

        var broker = last is null ? "broker CPU not readable" : quietSeconds >= 3 ? "then the broker idle for 3 s" : "the broker still busy after a minute";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  settled in {waited.Elapsed.TotalSeconds:0.0} s: {dirtyBefore?.ToString(CultureInfo.InvariantCulture) ?? "?"} kB of dirty pages flushed in {flushed.TotalSeconds:0.0} s, {broker}"));
    }

    private static long? DirtyKilobytes()
    {
        try
        {
            var dirty = File.ReadLines("/proc/meminfo").FirstOrDefault(line => line.StartsWith("Dirty:", StringComparison.Ordinal));
            return dirty is null ? null : long.Parse(dirty.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
