using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>
/// The system's queues, seen straight on the broker with RabbitMQ.Client: how many messages wait in
/// one, and a way to put copies of real events on an exchange the way a redelivery would.
/// Queue names follow the services' endpoint formatter: <c>{prefix}{service}-{consumer}</c>, e.g.
/// <c>flt1a2b3c-catalog-product-decommissioned</c>.
/// </summary>
public sealed class BrokerQueues : IAsyncDisposable
{
    private readonly IConnection _connection;

    private BrokerQueues(IConnection connection, string prefix)
    {
        _connection = connection;
        Prefix = prefix;
    }

    public string Prefix { get; }

    public static async Task<BrokerQueues> ConnectAsync(FaultSystem system, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = system.Broker, ClientProvidedName = "fault-suite" };
        return new BrokerQueues(await factory.CreateConnectionAsync(cancellationToken), system.EntityPrefix);
    }

    public string QueueName(string service, string consumer) => $"{Prefix}{service}-{consumer}";

    /// <summary>
    /// Messages ready in the queue (not those delivered and unacknowledged). A queue that does not
    /// exist is an error, except where <paramref name="createdOnFirstMessage"/> says it is made on
    /// demand (MassTransit declares an <c>_error</c> queue when it first moves a message there).
    /// </summary>
    public async Task<uint> ReadyAsync(string queue, CancellationToken cancellationToken, bool createdOnFirstMessage = false)
    {
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404 && createdOnFirstMessage)
        {
            return 0;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            throw new InvalidOperationException($"Queue {queue} does not exist on the broker.", exception);
        }
    }

    /// <summary>
    /// Publishes one contract message in MassTransit's envelope, on the exchange MassTransit publishes
    /// that type to, with the given message id: what a broker redelivery of the original looks like to a consumer.
    /// </summary>
    public ValueTask PublishCopyAsync(IChannel channel, Guid messageId, string contractFullName, string payloadJson, CancellationToken cancellationToken)
    {
        var lastDot = contractFullName.LastIndexOf('.');
        var urnName = $"{contractFullName[..lastDot]}:{contractFullName[(lastDot + 1)..]}";
        var envelope = $$"""
            {"messageId":"{{messageId}}","messageType":["urn:message:{{urnName}}"],"sentTime":"{{DateTime.UtcNow:O}}","message":{{payloadJson}}}
            """;
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = messageId.ToString(), Persistent = true };
        return channel.BasicPublishAsync($"{Prefix}{urnName}", "", mandatory: false, properties, System.Text.Encoding.UTF8.GetBytes(envelope), cancellationToken);
    }

    /// <summary>A channel with publisher confirms, for <see cref="PublishCopyAsync"/>.</summary>
    public Task<IChannel> ConfirmingChannelAsync(CancellationToken cancellationToken) =>
        _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _connection.CloseAsync();
        _connection.Dispose();
    }
}
