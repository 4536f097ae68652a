using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback TCP relay between the services and the broker. <see cref="Cut"/> drops every
/// connection and refuses new ones, which is what the services see when the broker goes down;
/// <see cref="Restore"/> lets them reconnect. The shared broker itself is never stopped, so
/// other tests and a running <c>eng/run.sh</c> are not disturbed.
/// </summary>
public sealed class BrokerOutageProxy : IAsyncDisposable
{
    private readonly Uri _broker;
    private readonly ConcurrentDictionary<TcpClient, bool> _connections = new();
    private TcpListener? _listener;
    private CancellationTokenSource _running = new();

    public BrokerOutageProxy(Uri broker)
    {
        _broker = broker;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync(_listener, _running.Token);
    }

    public int Port { get; }

    /// <summary>The broker's URI (credentials and virtual host included) with the relay as its address.</summary>
    public Uri Uri => new UriBuilder(_broker) { Host = "127.0.0.1", Port = Port }.Uri;

    public void Cut()
    {
        _running.Cancel();
        _listener?.Stop();
        _listener = null;
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }

        _connections.Clear();
    }

    public void Restore()
    {
        if (_listener is not null)
        {
            return;
        }

        _running = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener, _running.Token);
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client, cancellationToken);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var upstream = new TcpClient();
        _connections[client] = true;
        _connections[upstream] = true;
        try
        {
            await upstream.ConnectAsync(_broker.Host, _broker.Port is > 0 ? _broker.Port : 5672, cancellationToken);
            var toBroker = client.GetStream().CopyToAsync(upstream.GetStream(), cancellationToken);
            var toClient = upstream.GetStream().CopyToAsync(client.GetStream(), cancellationToken);
            await Task.WhenAny(toBroker, toClient);
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The relay ends when either side, or Cut, closes it.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            _connections.TryRemove(upstream, out _);
            client.Dispose();
            upstream.Dispose();
        }
    }
}
