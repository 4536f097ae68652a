using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>Runs the reconciliation on <c>Reconciliation:Interval</c>, the first time <c>Reconciliation:InitialDelay</c> after start-up.</summary>
public sealed partial class ReconciliationScheduler(Reconciler reconciler, IOptions<ReconciliationOptions> options, TimeProvider time, ILogger<ReconciliationScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (interval, delay) = (options.Value.Interval, options.Value.InitialDelay);
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, time, stoppingToken);
                await reconciler.RunAsync().WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogFailed(exception.Message);
            }

            delay = interval;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled reconciliation failed; the next runs on schedule: {Reason}")]
    private partial void LogFailed(string reason);
}
