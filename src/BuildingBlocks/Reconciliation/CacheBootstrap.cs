using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>
/// A cache that never completed a bootstrap (no stored <see cref="ReplicaCheckpoint.Bootstrap"/>) catches
/// up from ProductService's snapshot once the service has started, so its queues already collect
/// events: a consumer started after the others, or added later, misses nothing. Until it has caught up
/// the service reports not ready (<see cref="CacheBootstrapHealthCheck"/>); if ProductService cannot be
/// reached it keeps retrying in the background.
/// </summary>
public sealed partial class CacheBootstrap(
    IServiceScopeFactory scopes,
    SnapshotApplication application,
    CacheBootstrapState state,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<CacheBootstrap> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        state.Begin(time.GetUtcNow());
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        var delay = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<IReconciliationStore>();
                if (await store.GetCheckpointAsync(ReplicaCheckpoint.Bootstrap, stoppingToken) is null)
                {
                    var applied = await application.ApplyAsync(scope.ServiceProvider.GetRequiredService<ProductSnapshot>(), stoppingToken);
                    await store.SetCheckpointAsync(ReplicaCheckpoint.Bootstrap, time.GetUtcNow(), stoppingToken);
                    LogBootstrapped(applied.Source.Count, applied.Inserted, applied.Updated, applied.Unchanged);
                }

                state.Complete();
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                state.Fail(exception.Message);
                LogRetry(delay.TotalSeconds, exception.Message);
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>Waits until every hosted service, the bus included, has started; false if the host stops first.</summary>
    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Product cache bootstrapped from ProductService's snapshot: {Products} product(s), {Inserted} inserted, {Updated} updated, {Unchanged} already as new")]
    private partial void LogBootstrapped(int products, int inserted, int updated, int unchanged);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Product cache bootstrap could not complete; retrying in {Seconds} s: {Reason}")]
    private partial void LogRetry(double seconds, string reason);
}
