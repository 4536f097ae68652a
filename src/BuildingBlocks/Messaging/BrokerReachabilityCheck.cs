using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace ProductCatalogOrders.BuildingBlocks.Messaging;

/// <summary>
/// Runs before the bus starts: a broker that cannot be reached stops start-up with one line
/// naming the setting, instead of a bus that retries silently behind a healthy-looking service.
/// Once running, a broker outage is the outbox's business, not start-up's.
/// </summary>
public sealed class BrokerReachabilityCheck(Uri broker, TimeSpan timeout) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = broker,
            RequestedConnectionTimeout = timeout,
            AutomaticRecoveryEnabled = false,
            ClientProvidedName = "startup-reachability-check",
        };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync(cancellationToken);
                await connection.CloseAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var reason = exception.InnerException?.Message ?? exception.Message;
                throw new StartupFailure(
                    $"{BrokerAddress.Setting}: cannot reach RabbitMQ at {BrokerAddress.Redact(broker)} ({reason}). " +
                    "Start the broker (eng/run.sh does) or point ConnectionStrings__messaging at one.", exception);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
