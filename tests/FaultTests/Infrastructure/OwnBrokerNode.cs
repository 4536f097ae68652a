using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>
/// A RabbitMQ node of the suite's own, to stop and start: a second <c>rabbitmq-server</c> with its own
/// node name, AMQP and distribution ports, data, log and config folders, its own Erlang cookie (HOME),
/// and no plugins (so no management listener). The shared broker on 5672 is never touched.
/// The server and CLI scripts are run directly, not through the Debian wrapper that switches to the
/// <c>rabbitmq</c> user, so the node belongs to whoever runs the suite.
/// </summary>
public sealed class OwnBrokerNode : IAsyncDisposable
{
    private const string LibraryScripts = "/usr/lib/rabbitmq/bin";

    private readonly string _directory;
    private readonly Dictionary<string, string> _environment;
    private Process? _server;

    private OwnBrokerNode(string directory, string nodeName, int port, int distributionPort)
    {
        _directory = directory;
        NodeName = nodeName;
        Port = port;
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(directory, "home"),
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "rabbitmq.pid"),
        };
    }

    public string NodeName { get; }

    public int Port { get; }

    public Uri Uri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    /// <summary>Why this machine cannot run a node of its own, or null when it can.</summary>
    public static string? UnavailableReason() =>
        File.Exists(Script("rabbitmq-server")) && File.Exists(Script("rabbitmqctl"))
            ? null
            : $"rabbitmq-server is not installed ({Script("rabbitmq-server")} not found); eng/test.sh installs it.";

    public static async Task<OwnBrokerNode> StartAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("pco-faults-broker-").FullName;
        foreach (var folder in new[] { "home", "mnesia", "log" })
        {
            Directory.CreateDirectory(Path.Combine(directory, folder));
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[].", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "rabbitmq.conf"), "", cancellationToken);
        var node = new OwnBrokerNode(directory, $"pco-faults-{Guid.NewGuid():N}"[..18] + "@localhost", FreePort.Next(), FreePort.Next());
        await node.StartServerAsync(cancellationToken);
        return node;
    }

    /// <summary>Stops the node (its listeners close; clients see the broker gone) and waits until its process has exited.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await CtlAsync(cancellationToken, "stop");
        if (_server is not null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await _server.WaitForExitAsync(timeout.Token);
            _server.Dispose();
            _server = null;
        }
    }

    /// <summary>Starts the node again on the same ports and data, and returns once it accepts AMQP connections.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken) => StartServerAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_server is { HasExited: false })
            {
                await StopAsync(CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            _server?.Kill(entireProcessTree: true);
        }
        finally
        {
            _server?.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Script("rabbitmq-server")) { WorkingDirectory = _directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start.");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var waited = Stopwatch.StartNew();
        while (!await ListensAsync(cancellationToken))
        {
            if (_server.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"The suite's own broker node {NodeName} did not listen on {Port} (exited: {_server.HasExited}); logs in {_environment["RABBITMQ_LOG_BASE"]}.");
            }

            await Task.Delay(100, cancellationToken);
        }

        await CtlAsync(cancellationToken, "await_startup", "--timeout", "60");
    }

    private async Task<bool> ListensAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task CtlAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(Script("rabbitmqctl")) { WorkingDirectory = _directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(NodeName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        try
        {
            using var ctl = Process.Start(start)!;
            var output = ctl.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = ctl.StandardError.ReadToEndAsync(cancellationToken);
            await ctl.WaitForExitAsync(cancellationToken);
            if (ctl.ExitCode != 0)
            {
                throw new InvalidOperationException($"rabbitmqctl -n {NodeName} {string.Join(' ', arguments)} failed ({ctl.ExitCode}): {await output}{await errors}");
            }
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"rabbitmqctl could not run: {exception.Message}", exception);
        }
    }

    private static string Script(string name) => Path.Combine(LibraryScripts, name);
}
