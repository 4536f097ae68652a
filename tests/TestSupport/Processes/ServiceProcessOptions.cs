namespace ProductCatalogOrders.TestSupport.Processes;

/// <summary>
/// How to start one service as a real process: its built assembly, the loopback port it listens on,
/// the environment it gets on top of this process's own, and the file its console output goes to.
/// </summary>
public sealed record ServiceProcessOptions
{
    /// <summary>A name for messages and the log file, e.g. <c>ProductService</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The service's built entry assembly, run with <c>dotnet</c>.</summary>
    public required string AssemblyPath { get; init; }

    public required int Port { get; init; }

    /// <summary>Environment variables set for the process (null removes an inherited one).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where stdout and stderr go; the service writes there directly, with no pipe through this process.</summary>
    public required string LogFile { get; init; }

    /// <summary>How long <see cref="ServiceProcess.StartAsync"/> waits for <c>/health</c> to answer 200.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
}
