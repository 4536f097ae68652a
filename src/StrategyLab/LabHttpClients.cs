using ProductCatalogOrders.InProcessHosting;

namespace ProductCatalogOrders.StrategyLab;

/// <summary>
/// The one place the lab creates HTTP clients, each carrying the lab's own bearer token.
/// </summary>
public static class LabHttpClients
{
    public static HttpClient For(ServiceHost service, string token) => service.CreateClient(token);
}
