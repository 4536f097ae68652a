using System.ComponentModel;
using System.Diagnostics;

namespace ProductCatalogOrders.InProcessHosting;

/// <summary>
/// A RabbitMQ virtual host created for one run on the local <c>rabbitmq-server</c> and deleted
/// afterwards with everything in it, so tests and benchmarks leave no queues behind and never
/// touch the default virtual host that <c>eng/run.sh</c> uses.
/// </summary>
public sealed class ThrowawayVirtualHost : IAsyncDisposable
{
    private ThrowawayVirtualHost(string name) => Name = name;

    public string Name { get; }

    /// <summary>The local broker's URI on this virtual host.</summary>
    public Uri Uri => new($"amqp://guest:guest@127.0.0.1:5672/{Uri.EscapeDataString(Name)}");

    /// <summary>Creates one with <c>rabbitmqctl</c>; null when that is not possible here (no rabbitmqctl, no rights).</summary>
    public static async Task<ThrowawayVirtualHost?> TryCreateAsync(string purpose)
    {
        var name = $"pco-{purpose}-{Guid.NewGuid():N}"[..(purpose.Length + 17)];
        if (await RabbitMqCtlAsync("add_vhost", name) && await RabbitMqCtlAsync("set_permissions", "-p", name, "guest", ".*", ".*", ".*"))
        {
            return new ThrowawayVirtualHost(name);
        }

        await RabbitMqCtlAsync("delete_vhost", name);
        return null;
    }

    public async ValueTask DisposeAsync() => await RabbitMqCtlAsync("delete_vhost", Name);

    private static async Task<bool> RabbitMqCtlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0;
        }
        catch (Exception exception) when (exception is Win32Exception or OperationCanceledException)
        {
            return false;
        }
    }
}
