using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>
/// Publishes committed outbox rows until the broker confirms each one. Rows are claimed with a
/// conditional lease update, which every provider evaluates atomically per row, so several
/// instances can run against one database; a batch stops before its lease could run out, so no
/// row is published by two instances at once. Rows go out in commit order within a batch; after
/// a broker failure, rows committed later may overtake the delayed ones, which consumers absorb
/// because they order by version, not by arrival. Delivery is at least once: a crash between the
/// broker's confirmation and marking the row re-publishes it, and consumers drop the duplicate.
/// A row that cannot be decoded is parked with its error instead of blocking the rest.
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
        for (var i = 0; i < claim.Count; i++)
        {
            var message = claim[i];
            if (time.GetUtcNow().Add(_options.PublishTimeout).ToUnixTimeMilliseconds() > message.LeasedUntil)
            {
                // The lease could run out during this publish, and another dispatcher could then take
                // the same rows: hand the rest back now instead.
                await ReleaseAsync(db, claim[i..], time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
                return published;
            }

            Type type;
            object payload;
            try
            {
                type = IntegrationEventSerializer.ResolveType(message.MessageType);
                payload = IntegrationEventSerializer.Deserialize(message.Payload, type);
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.Text.Json.JsonException or NotSupportedException)
            {
                // Retrying cannot fix a row that does not decode; park it so it stops holding up the others.
                await ParkAsync(db, message, exception, cancellationToken);
                continue;
            }

            try
            {
                await PublishAsync(message, type, payload, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                await ReleaseAfterFailureAsync(db, message, claim[(i + 1)..], exception, cancellationToken);
                return published;
            }

            var now = time.GetUtcNow();
            var marked = await db.OutboxMessages
                .Where(m => m.Sequence == message.Sequence && m.LeaseOwner == message.LeaseOwner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.DispatchedAt, now)
                    .SetProperty(m => m.LeaseOwner, (Guid?)null)
                    .SetProperty(m => m.Attempts, message.Attempts + 1), cancellationToken);
            if (marked == 0)
            {
                LogLeaseLost(message.MessageId, message.MessageType);
                continue;
            }

            telemetry.Published(message, now);
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

    private async Task PublishAsync(OutboxMessage message, Type type, object payload, CancellationToken cancellationToken)
    {
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
        TContext db, OutboxMessage failed, List<OutboxMessage> untried, Exception exception, CancellationToken cancellationToken)
    {
        var attempts = failed.Attempts + 1;
        var retryAt = time.GetUtcNow().Add(_options.RetryDelay(attempts)).ToUnixTimeMilliseconds();
        telemetry.Failed(failed);
        LogPublishFailure(exception, failed.MessageId, failed.MessageType, attempts);
        await RecordFailureAsync(db, failed, attempts, Describe(exception), retryAt, cancellationToken);

        // The broker failed; the rest of the batch would fail the same way. Hand it back with the same delay.
        await ReleaseAsync(db, untried, retryAt, cancellationToken);
    }

    /// <summary>Keeps the row, with its error, out of every future batch until an operator sets LeasedUntil back to 0.</summary>
    private async Task ParkAsync(TContext db, OutboxMessage message, Exception exception, CancellationToken cancellationToken)
    {
        telemetry.Failed(message);
        LogParked(exception, message.MessageId, message.MessageType);
        await RecordFailureAsync(db, message, message.Attempts + 1, "parked: " + Describe(exception), long.MaxValue, cancellationToken);
    }

    private static Task RecordFailureAsync(
        TContext db, OutboxMessage message, int attempts, string error, long retryAt, CancellationToken cancellationToken) =>
        db.OutboxMessages
            .Where(m => m.Sequence == message.Sequence && m.LeaseOwner == message.LeaseOwner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LeaseOwner, (Guid?)null)
                .SetProperty(m => m.LeasedUntil, retryAt), cancellationToken);

    private static Task ReleaseAsync(TContext db, List<OutboxMessage> rows, long dueAt, CancellationToken cancellationToken)
    {
        var sequences = rows.Select(m => m.Sequence).ToList();
        var owner = rows.FirstOrDefault()?.LeaseOwner;
        return sequences.Count == 0
            ? Task.CompletedTask
            : db.OutboxMessages
                .Where(m => sequences.Contains(m.Sequence) && m.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.LeaseOwner, (Guid?)null)
                    .SetProperty(m => m.LeasedUntil, dueAt), cancellationToken);
    }

    private static string Describe(Exception exception)
    {
        var error = $"{exception.GetType().Name}: {exception.Message}";
        return error.Length > 1990 ? error[..1990] : error;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageType} {MessageId} cannot be decoded and is parked; it stays in the table with its error")]
    private partial void LogParked(Exception exception, Guid messageId, string messageType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageType} {MessageId} was published after its lease had passed to another dispatcher; consumers drop the duplicate")]
    private partial void LogLeaseLost(Guid messageId, string messageType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox publish of {MessageType} {MessageId} failed (attempt {Attempts}); it stays pending and will be retried")]
    private partial void LogPublishFailure(Exception exception, Guid messageId, string messageType, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox store could not be read; pending events stay in the table and will be retried")]
    private partial void LogStoreFailure(Exception exception);
}
