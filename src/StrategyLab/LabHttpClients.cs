using ProductCatalogOrders.InProcessHosting;

namespace ProductCatalogOrders.StrategyLab;

/// <summary>
/// The one place the lab creates HTTP clients. When the services require bearer tokens, this is
/// where the lab's token is attached.
/// </summary>
public static class LabHttpClients
{
    public static HttpClient For(ServiceHost service) => service.CreateClient();
}
