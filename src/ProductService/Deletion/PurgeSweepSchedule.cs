using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>Runs the <see cref="PurgeSweep"/> every <see cref="PurgeSweepOptions.Interval"/> when <c>Deletion:PurgeSweep:Enabled</c>.</summary>
public sealed partial class PurgeSweepSchedule(PurgeSweep sweep, IOptions<PurgeSweepOptions> options, TimeProvider time, ILogger<PurgeSweepSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sweep.RunAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailure(exception);
            }

            try
            {
                await Task.Delay(options.Value.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Purge sweep failed; the next run tries again")]
    private partial void LogFailure(Exception exception);
}
