using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.ErasureDataset.Writing;

/// <summary>
/// Runs the writer in the background: batch after batch while the source has events, then every
/// <c>Erasure:Dataset:Interval</c>. A failed batch (the source unreachable, a full disk) is logged and
/// tried again on the next tick; the cursor makes the retry write exactly what was missing.
/// </summary>
public sealed partial class ErasureDatasetWriterService(
    IServiceScopeFactory scopes,
    ErasureDatasetWriter writer,
    IOptions<ErasureDatasetOptions> options,
    TimeProvider time,
    ILogger<ErasureDatasetWriterService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int written;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                written = await writer.WriteNextBatchAsync(scope.ServiceProvider.GetRequiredService<IErasureEventSource>(), stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogBatchFailed(exception);
                written = 0;
            }

            if (written == 0)
            {
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
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Erasure dataset: a batch failed and will be written again on the next tick")]
    private partial void LogBatchFailed(Exception exception);
}
