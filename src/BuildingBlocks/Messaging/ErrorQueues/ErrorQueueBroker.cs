using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ProductCatalogOrders.BuildingBlocks.Messaging.ErrorQueues;

/// <summary>How many messages one of this service's <c>_error</c> queues holds.</summary>
public sealed record ErrorQueueCount(string Queue, uint Messages);

/// <summary>What a re-drive did: <see cref="Moved"/> messages from <see cref="Queue"/> back to <see cref="Target"/>.</summary>
public sealed record RedriveResult(string Queue, string Target, int Moved);

/// <summary>
/// The error queues of this service's receive endpoints, on the broker: counts them and moves their
/// messages back. Where MassTransit puts a message that still failed after its retries is the
/// endpoint's queue name plus <c>_error</c>; nothing is ever dropped from there but by a re-drive.
/// </summary>
public sealed class ErrorQueueBroker(Uri broker, ReceiveEndpoints endpoints)
{
    public const string ErrorSuffix = "_error";

    /// <summary>How often a message was re-driven, on the message itself: an operator sees a message that keeps coming back.</summary>
    public const string RedriveCountHeader = "PCO-Redrive-Count";

    /// <summary>
    /// Headers MassTransit adds when it moves a message to <c>_error</c>: the fault, the reason and
    /// the faulting host. They describe the last failure, not the message, so a re-driven message
    /// starts its retries clean; a new failure writes them again.
    /// </summary>
    private static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Host-", "MT-Reason", "MT-Redelivery-Count"];

    public IReadOnlyList<string> Queues => [.. endpoints.Queues.Select(q => q + ErrorSuffix)];

    public bool IsOwn(string queue) => Queues.Contains(queue, StringComparer.Ordinal);

    public async Task<IReadOnlyList<ErrorQueueCount>> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var counts = new List<ErrorQueueCount>();
        foreach (var queue in Queues)
        {
            counts.Add(new ErrorQueueCount(queue, await MessageCountAsync(connection, queue, cancellationToken)));
        }

        return counts;
    }

    /// <summary>
    /// Moves every message that is in <paramref name="errorQueue"/> now back to its endpoint, one at a
    /// time: get it, publish it to the endpoint's exchange, wait for the broker's confirm, then
    /// acknowledge it. A crash or a refusal at any point leaves the message in the error queue (its
    /// unacknowledged delivery returns there when the channel closes), so nothing is lost; the worst
    /// case is a duplicate, which the version-gated consumers absorb. Messages that fail again while
    /// this runs arrive after the ones counted at the start and are left for the next re-drive.
    /// </summary>
    public async Task<RedriveResult> RedriveAsync(string errorQueue, CancellationToken cancellationToken)
    {
        if (!IsOwn(errorQueue))
        {
            throw new ArgumentException($"{errorQueue} is not an error queue of this service.", nameof(errorQueue));
        }

        var target = errorQueue[..^ErrorSuffix.Length];
        await using var connection = await ConnectAsync(cancellationToken);
        var waiting = await MessageCountAsync(connection, errorQueue, cancellationToken);
        var moved = 0;
        if (waiting == 0)
        {
            return new RedriveResult(errorQueue, target, moved);
        }

        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        while (moved < waiting)
        {
            var message = await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken);
            if (message is null)
            {
                break;
            }

            // To the endpoint's own exchange (MassTransit binds it to the queue of the same name), not the
            // default exchange: a service's broker user may write only to its own exchanges. Mandatory, so
            // a message nothing would receive is returned and stays in the error queue instead of vanishing.
            await channel.BasicPublishAsync(target, "", mandatory: true, ForRetry(message.BasicProperties), message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return new RedriveResult(errorQueue, target, moved);
    }

    /// <summary>The message's properties and headers as they were, minus the fault headers, plus the re-drive count.</summary>
    internal static BasicProperties ForRetry(IReadOnlyBasicProperties original)
    {
        var properties = new BasicProperties(original);
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in original.Headers ?? new Dictionary<string, object?>())
        {
            if (!FaultHeaderPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                headers[key] = value;
            }
        }

        headers[RedriveCountHeader] = RedriveCount(original) + 1;
        properties.Headers = headers;
        return properties;
    }

    internal static long RedriveCount(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue(RedriveCountHeader, out var value) == true
            ? value switch
            {
                long count => count,
                int count => count,
                byte[] text when long.TryParse(System.Text.Encoding.UTF8.GetString(text), out var count) => count,
                _ => 0,
            }
            : 0;

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken) =>
        await new ConnectionFactory
        {
            Uri = broker,
            AutomaticRecoveryEnabled = false,
            ClientProvidedName = "error-queues",
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        }.CreateConnectionAsync(cancellationToken);

    private static async Task<uint> MessageCountAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        // A passive declare of a queue that does not exist closes its channel, so each queue gets its own.
        // MassTransit declares an error queue on the first failure only: until then it holds nothing.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return 0;
        }
    }
}
