using System.ComponentModel;
using System.Diagnostics;

namespace ProductCatalogOrders.TestSupport.Processes;

/// <summary>
/// One service running as a real operating-system process (<c>dotnet &lt;assembly&gt; --urls ...</c>), the
/// way it runs in production: start it and wait until <c>/health</c> answers, stop it gracefully
/// (SIGTERM) or crash it (SIGKILL), restart it, start a second instance on the same store, and read
/// its CPU time and resident memory. The benchmark and the fault tests share it.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    // /health is anonymous by design, so the probe needs none of the callers' credentials.
    private static readonly HttpClient HealthProbe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private Process? _process;

    private ServiceProcess(ServiceProcessOptions options) => Options = options;

    public ServiceProcessOptions Options { get; private set; }

    public string Name => Options.Name;

    public Uri BaseAddress => Options.BaseAddress;

    /// <summary>The running process's id; throws when it is not running.</summary>
    public int Pid => _process is { HasExited: false } process ? process.Id : throw new InvalidOperationException($"{Name} is not running.");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the service and returns once <c>/health</c> answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(ServiceProcessOptions options, CancellationToken cancellationToken = default)
    {
        var service = new ServiceProcess(options);
        try
        {
            await service.StartProcessAsync(cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Another instance of the same service (same assembly, environment and so the same store and
    /// broker) on another port, e.g. two dispatchers sharing one outbox.
    /// </summary>
    public Task<ServiceProcess> StartAnotherInstanceAsync(int port, CancellationToken cancellationToken = default) =>
        StartAsync(Options with
        {
            Port = port,
            LogFile = Path.Combine(Path.GetDirectoryName(Options.LogFile) ?? ".", $"{Path.GetFileNameWithoutExtension(Options.LogFile)}-{port}.log"),
        }, cancellationToken);

    /// <summary>Polls <c>/health</c> until it answers 200; fails with the end of the log if the process exits or time runs out.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process?.ExitCode} before it was healthy.{LogTail()}");
            }

            try
            {
                using var response = await HealthProbe.GetAsync(new Uri(BaseAddress, "/health"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} did not answer /health with 200 within {timeout.TotalSeconds:0} s.{LogTail()}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Graceful stop: SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>. Returns whether it stopped on its own.</summary>
    public async Task<bool> StopAsync(TimeSpan? grace = null, CancellationToken cancellationToken = default)
    {
        if (!IsRunning)
        {
            return true;
        }

        if (NativeMethods.kill(_process!.Id, SigTerm) != 0)
        {
            throw new Win32Exception(System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), $"SIGTERM to {Name} failed.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(grace ?? TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await KillAsync();
            return false;
        }
    }

    /// <summary>A crash: SIGKILL, no shutdown code runs. Returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (IsRunning)
        {
            _process!.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Stops the process if it runs (gracefully, or by SIGKILL with <paramref name="crash"/>) and starts it
    /// again on the same port and store, optionally with changed environment settings (null removes one).
    /// </summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string?>? changedEnvironment = null, bool crash = false, CancellationToken cancellationToken = default)
    {
        if (crash)
        {
            await KillAsync();
        }
        else
        {
            await StopAsync(cancellationToken: cancellationToken);
        }

        if (changedEnvironment is not null)
        {
            var environment = new Dictionary<string, string?>(Options.Environment);
            foreach (var (key, value) in changedEnvironment)
            {
                environment[key] = value;
            }

            Options = Options with { Environment = environment };
        }

        _process?.Dispose();
        _process = null;
        await StartProcessAsync(cancellationToken);
    }

    /// <summary>CPU time and resident memory of the running process.</summary>
    public ProcessSample Sample() => ProcessSample.Read(Pid);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _process?.Dispose();
            _process = null;
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Options.AssemblyPath))
        {
            throw new FileNotFoundException($"{Name} is not built: {Options.AssemblyPath} does not exist.", Options.AssemblyPath);
        }

        if (await AnswersAsync(cancellationToken))
        {
            // Another process would answer our health check and hide our own bind failure.
            throw new InvalidOperationException($"Port {Options.Port} (for {Name}) is already in use.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(Options.LogFile))!);

        // The shell only redirects and then becomes the service (exec), so the pid is the service's
        // and its output goes straight to the file. The working directory is the build output, the
        // content root where the service's shipped appsettings*.json files are.
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(Options.AssemblyPath))!,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", "log=$1; shift; exec \"$@\" </dev/null >>\"$log\" 2>&1", "sh", Path.GetFullPath(Options.LogFile), "dotnet", Path.GetFullPath(Options.AssemblyPath), "--urls", BaseAddress.GetLeftPart(UriPartial.Authority) })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in Options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
        await WaitHealthyAsync(Options.StartTimeout, cancellationToken);
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await HealthProbe.GetAsync(new Uri(BaseAddress, "/alive"), cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private string LogTail()
    {
        try
        {
            var lines = File.ReadAllLines(Options.LogFile);
            return $" Last lines of {Options.LogFile}:{Environment.NewLine}{string.Join(Environment.NewLine, lines.TakeLast(20))}";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
