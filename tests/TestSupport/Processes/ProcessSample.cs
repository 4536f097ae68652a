using System.Globalization;
using System.Runtime.InteropServices;

namespace ProductCatalogOrders.TestSupport.Processes;

/// <summary>
/// A process's CPU time so far (user + system, from <c>/proc/&lt;pid&gt;/stat</c>) and its resident set
/// (<c>VmRSS</c> and the peak <c>VmHWM</c>, from <c>/proc/&lt;pid&gt;/status</c>), taken at one moment.
/// </summary>
public sealed record ProcessSample(int Pid, double CpuMilliseconds, long ResidentBytes, long PeakResidentBytes)
{
    private static readonly long TicksPerSecond = ClockTicksPerSecond();

    /// <summary>Reads the sample; throws when the process is gone or /proc cannot be read, never returns zeros instead.</summary>
    public static ProcessSample Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may contain spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);

        long rss = -1, peak = -1;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        if (rss < 0 || peak < 0)
        {
            throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS or VmHWM line.");
        }

        return new ProcessSample(pid, ticks * 1000.0 / TicksPerSecond, rss * 1024, peak * 1024);
    }

    /// <summary>
    /// The pid of the RabbitMQ node's Erlang VM: a <c>beam.smp</c> that boots the <c>rabbit</c>
    /// application. Every <c>rabbitmqctl</c> call runs a short-lived <c>beam.smp</c> of its own, which a
    /// search by name alone may find instead.
    /// </summary>
    public static int? FindBroker() =>
        FindByName("beam.smp", commandLine => commandLine.Contains(" rabbit boot ", StringComparison.Ordinal));

    /// <summary>
    /// The pid of the first process whose command name is exactly <paramref name="name"/> (and whose
    /// command line, arguments joined by spaces, satisfies <paramref name="commandLine"/>); null when none runs.
    /// </summary>
    public static int? FindByName(string name, Func<string, bool>? commandLine = null)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(directory, "comm")).TrimEnd('\n') == name
                        && (commandLine is null || commandLine(File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' '))))
                    {
                        return pid;
                    }
                }
                catch (IOException)
                {
                    // It exited while we looked.
                }
            }
        }

        return null;
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static long ClockTicksPerSecond()
    {
        const int ScClkTck = 2; // _SC_CLK_TCK on Linux
        var ticks = NativeMethods.sysconf(ScClkTck);
        return ticks > 0 ? ticks : 100;
    }
}

internal static partial class NativeMethods
{
    [DllImport("libc", SetLastError = true)]
    internal static extern long sysconf(int name);

    [DllImport("libc", SetLastError = true)]
    internal static extern int kill(int pid, int signal);
}
