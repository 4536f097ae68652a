using System.Net;
using System.Net.Sockets;

namespace ProductCatalogOrders.TestSupport.Processes;

/// <summary>A loopback port nobody listens on right now, so a run never collides with <c>eng/run.sh</c>'s fixed ports.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
