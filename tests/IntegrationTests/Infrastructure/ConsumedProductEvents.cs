using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.InProcessHosting;

namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>
/// Every product event a service's consumers finished with, by product. Installed in every service of
/// the test systems, so a test can wait until the events it published for its own product were really
/// consumed, whatever other tests' products are doing, before asserting that they changed nothing.
/// </summary>
public sealed class ConsumedProductEvents : IConsumeObserver
{
    private readonly ConcurrentQueue<IProductEvent> _consumed = new();

    public static void Install(IServiceCollection services)
    {
        services.AddSingleton<ConsumedProductEvents>();
        services.AddConsumeObserver(provider => provider.GetRequiredService<ConsumedProductEvents>());
    }

    /// <summary>Starts counting the events for one product that the service consumes from now on.</summary>
    public static Watch For(ServiceHost service, Guid productId)
    {
        var consumed = service.Services.GetRequiredService<ConsumedProductEvents>();
        return new Watch(service.Name, consumed, productId, consumed._consumed.Count);
    }

    public sealed class Watch(string service, ConsumedProductEvents consumed, Guid productId, int mark)
    {
        public int Count => consumed._consumed.Skip(mark).Count(e => e.ProductId == productId);

        /// <summary>Waits until the service has finished consuming <paramref name="count"/> events for the product since the watch began.</summary>
        public Task WaitForAsync(int count) =>
            Eventually.MatchAsync(() => Task.FromResult(Count), n => n >= count, $"{service} has consumed {count} event(s) for product {productId}");
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is IProductEvent productEvent)
        {
            _consumed.Enqueue(productEvent);
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
