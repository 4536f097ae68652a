using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ProductCatalogOrders.Benchmarks;

/// <summary>
/// The broker's own capacity, measured in the same run as the pipeline: one publisher sends
/// persistent messages of a fixed size to a durable fan-out exchange bound to one or more durable
/// queues, keeping a fixed number of publisher confirms in flight, while one consumer per queue
/// receives them. The rate counts a message once it is confirmed and delivered to every queue.
/// </summary>
public static class RawBrokerThroughput
{
    public static async Task<RawThroughput> MeasureAsync(
        Uri broker, int queues, int confirmsInFlight, int messages, int payloadBytes, Func<double?> brokerCpuMilliseconds, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "raw-broker-benchmark" };
        await using var publisherConnection = await factory.CreateConnectionAsync(cancellationToken);
        await using var consumerConnection = await factory.CreateConnectionAsync(cancellationToken);
        await using var publisher = await publisherConnection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await using var consumerChannel = await consumerConnection.CreateChannelAsync(cancellationToken: cancellationToken);

        // Durable exchange and queues, persistent messages: the shape of a product event's delivery.
        var exchange = $"raw-broker-benchmark-{Guid.NewGuid():N}";
        await consumerChannel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        var expected = (long)messages * queues;
        long received = 0;
        var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var names = new List<string>();
        for (var q = 0; q < queues; q++)
        {
            var queue = (await consumerChannel.QueueDeclareAsync($"{exchange}-{q}", durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken)).QueueName;
            await consumerChannel.QueueBindAsync(queue, exchange, "", cancellationToken: cancellationToken);
            names.Add(queue);
            var consumer = new AsyncEventingBasicConsumer(consumerChannel);
            consumer.ReceivedAsync += (_, _) =>
            {
                if (Interlocked.Increment(ref received) == expected)
                {
                    allReceived.TrySetResult();
                }

                return Task.CompletedTask;
            };
            await consumerChannel.BasicConsumeAsync(queue, autoAck: true, consumer, cancellationToken);
        }

        try
        {
            var body = new byte[payloadBytes];
            var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
            var cpuBefore = brokerCpuMilliseconds();
            var elapsed = Stopwatch.StartNew();
            var inFlight = new Queue<Task>(confirmsInFlight);
            for (var i = 0; i < messages; i++)
            {
                if (inFlight.Count >= confirmsInFlight)
                {
                    await inFlight.Dequeue();
                }

                inFlight.Enqueue(publisher.BasicPublishAsync(exchange, "", mandatory: false, properties, body, cancellationToken).AsTask());
            }

            await Task.WhenAll(inFlight);
            var confirmed = elapsed.Elapsed;
            await allReceived.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            var seconds = elapsed.Elapsed.TotalSeconds;
            var cpuAfter = brokerCpuMilliseconds();
            return new RawThroughput(queues, confirmsInFlight, messages, payloadBytes, Math.Round(seconds, 3), Math.Round(messages / seconds, 1),
                Math.Round(messages / confirmed.TotalSeconds, 1), cpuBefore is { } before && cpuAfter is { } after ? Math.Round((after - before) / messages, 4) : null);
        }
        finally
        {
            foreach (var queue in names)
            {
                await consumerChannel.QueueDeleteAsync(queue, cancellationToken: CancellationToken.None);
            }

            await consumerChannel.ExchangeDeleteAsync(exchange, cancellationToken: CancellationToken.None);
        }
    }
}

/// <summary>One raw broker configuration's result; <see cref="PerSecond"/> counts messages confirmed and delivered to every queue.</summary>
public sealed record RawThroughput(
    int Queues, int ConfirmsInFlight, int Messages, int PayloadBytes, double Seconds, double PerSecond, double ConfirmedPerSecond, double? BrokerCpuMillisecondsPerMessage);
