using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.InProcessHosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>Looks at queues on the broker directly, to see what the services cannot show about themselves.</summary>
public static class RabbitQueues
{
    /// <summary>Ready messages in a queue on the broker <paramref name="service"/> uses; 0 when the queue does not exist yet.</summary>
    public static async Task<uint> MessageCountAsync(ServiceHost service, string queue)
    {
        var cancel = TestContext.Current.CancellationToken;
        var broker = new Uri(service.Services.GetRequiredService<IConfiguration>().GetConnectionString("messaging")!);
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync(cancel);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancel);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancel)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>Removes every ready message from a queue: a message lost on the way, as a test needs it.</summary>
    public static async Task<uint> PurgeAsync(ServiceHost service, string queue)
    {
        var cancel = TestContext.Current.CancellationToken;
        var broker = new Uri(service.Services.GetRequiredService<IConfiguration>().GetConnectionString("messaging")!);
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync(cancel);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancel);
        return await channel.QueuePurgeAsync(queue, cancel);
    }

    /// <summary>The queue a service's consumer reads, as its endpoint name formatter names it (with this system's entity prefix).</summary>
    public static string QueueOf(ServiceHost service, string consumerQueue) =>
        $"{service.Services.GetRequiredService<IConfiguration>()["Messaging:EntityPrefix"]}{service.Name}-{consumerQueue}";
}
