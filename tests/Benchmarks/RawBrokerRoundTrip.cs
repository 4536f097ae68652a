using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// The floor: one message published with publisher confirms to a queue on the same broker and
/// received by a consumer, with nothing else in the way. Measured in the same run as the pipeline.
/// </summary>
public static class RawBrokerRoundTrip
{
    public static async Task<List<double>> MeasureAsync(Uri broker, int messages, int payloadBytes, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "raw-broker-benchmark" };
        await using var publisherConnection = await factory.CreateConnectionAsync(cancellationToken);
        await using var consumerConnection = await factory.CreateConnectionAsync(cancellationToken);
        await using var publisher = await publisherConnection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await using var consumerChannel = await consumerConnection.CreateChannelAsync(cancellationToken: cancellationToken);

        // Durable queue and persistent messages, like the services' own queues.
        var queue = (await consumerChannel.QueueDeclareAsync(
            $"raw-broker-benchmark-{Guid.NewGuid():N}", durable: true, exclusive: false, autoDelete: true, cancellationToken: cancellationToken)).QueueName;
        var received = new SemaphoreSlim(0);
        long receivedAt = 0;
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += (_, _) =>
        {
            receivedAt = Stopwatch.GetTimestamp();
            received.Release();
            return Task.CompletedTask;
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: true, consumer, cancellationToken);

        var body = new byte[payloadBytes];
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var latencies = new List<double>(messages);
        for (var i = 0; i < messages; i++)
        {
            var sentAt = Stopwatch.GetTimestamp();
            await publisher.BasicPublishAsync("", queue, mandatory: false, properties, body, cancellationToken);
            await received.WaitAsync(cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(sentAt, receivedAt).TotalMilliseconds);
        }

        return latencies;
    }
}
