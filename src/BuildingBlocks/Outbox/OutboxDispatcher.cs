using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>
/// Publishes committed outbox rows until the broker confirms each one. Rows are claimed with a
/// conditional lease update, which every provider evaluates atomically per row, so several
/// instances can run against one database without publishing a row twice concurrently.
/// Delivery is at least once: a crash between the broker's confirmation and marking the row
/// re-publishes it, and consumers drop the duplicate by version.
/// </summary>
public sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IIntegrationEventPublisher publisher,
    OutboxSignal signal,
    OutboxTelemetry telemetry,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : DbContext, IOutboxContext
{
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int published;
            try
            {
                published = await DispatchPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The store itself failed (locked, unreachable). Nothing was lost: rows stay pending.
                LogStoreFailure(exception);
                published = 0;
            }

            if (published < _options.BatchSize)
            {
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Claims one batch of due rows and publishes them in order. Returns how many the broker confirmed.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();

        var claim = await ClaimBatchAsync(db, cancellationToken);
        if (claim.Count == 0)
        {
            return 0;
        }

        var published = 0;
        foreach (var message in claim)
        {
            try
            {
                await PublishAsync(message, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                await ReleaseAfterFailureAsync(db, message, claim[published..], exception, cancellationToken);
                return published;
            }

            var now = time.GetUtcNow();
            telemetry.Published(message, now);
            await db.OutboxMessages
                .Where(m => m.Sequence == message.Sequence && m.LeaseOwner == message.LeaseOwner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.DispatchedAt, now)
                    .SetProperty(m => m.LeaseOwner, (Guid?)null)
                    .SetProperty(m => m.Attempts, message.Attempts + 1), cancellationToken);
            published++;
        }

        return published;
    }

    private async Task<List<OutboxMessage>> ClaimBatchAsync(TContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.DispatchedAt == null && m.LeasedUntil <= now)
            .OrderBy(m => m.Sequence)
            .Select(m => m.Sequence)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        // The due-predicate is repeated in the update, so a row another instance claimed in the
        // meantime is skipped rather than stolen.
        var owner = Guid.NewGuid();
        var leasedUntil = now + (long)_options.Lease.TotalMilliseconds;
        await db.OutboxMessages
            .Where(m => due.Contains(m.Sequence) && m.DispatchedAt == null && m.LeasedUntil <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseOwner, owner)
                .SetProperty(m => m.LeasedUntil, leasedUntil), cancellationToken);

        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.LeaseOwner == owner)
            .OrderBy(m => m.Sequence)
            .ToListAsync(cancellationToken);
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var type = IntegrationEventSerializer.ResolveType(message.MessageType);
        var payload = IntegrationEventSerializer.Deserialize(message.Payload, type);

        using var activity = OutboxTelemetry.StartPublish(message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        try
        {
            await publisher.PublishAsync(payload, type, message.MessageId, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "broker did not confirm");
            throw new TimeoutException($"The broker did not confirm within {_options.PublishTimeout.TotalSeconds:0.#} s.");
        }
    }

    private async Task ReleaseAfterFailureAsync(
        TContext db, OutboxMessage failed, List<OutboxMessage> unsent, Exception exception, CancellationToken cancellationToken)
    {
        var attempts = failed.Attempts + 1;
        var retryAt = time.GetUtcNow().Add(_options.RetryDelay(attempts)).ToUnixTimeMilliseconds();
        var error = $"{exception.GetType().Name}: {exception.Message}";
        if (error.Length > 2000)
        {
            error = error[..2000];
        }

        telemetry.Failed(failed);
        LogPublishFailure(exception, failed.MessageId, failed.MessageType, attempts);

        await db.OutboxMessages
            .Where(m => m.Sequence == failed.Sequence && m.LeaseOwner == failed.LeaseOwner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LeaseOwner, (Guid?)null)
                .SetProperty(m => m.LeasedUntil, retryAt), cancellationToken);

        // The rest of the batch was never tried; hand it back with the same delay, keeping order.
        var untried = unsent.Where(m => m.Sequence != failed.Sequence).Select(m => m.Sequence).ToList();
        await db.OutboxMessages
            .Where(m => untried.Contains(m.Sequence) && m.LeaseOwner == failed.LeaseOwner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseOwner, (Guid?)null)
                .SetProperty(m => m.LeasedUntil, retryAt), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox publish of {MessageType} {MessageId} failed (attempt {Attempts}); it stays pending and will be retried")]
    private partial void LogPublishFailure(Exception exception, Guid messageId, string messageType, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox store could not be read; pending events stay in the table and will be retried")]
    private partial void LogStoreFailure(Exception exception);
}
