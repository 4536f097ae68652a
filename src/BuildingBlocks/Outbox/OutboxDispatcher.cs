using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>
/// Publishes committed outbox rows until the broker confirms each one, a batch at a time: it claims
/// a batch with a conditional lease update (which every provider evaluates atomically per row, so
/// several instances can share one database), puts every row of the batch in flight to the broker
/// at once, and marks the confirmed rows dispatched in one statement. The lease is short and renewed
/// while the batch runs, so the rows of a dispatcher that died are taken over within seconds, and
/// a live dispatcher's rows are never taken from it. Delivery is at least once: a crash between the
/// broker's confirmation and the mark re-publishes the row, and consumers drop the duplicate through
/// their version gate, which also makes the publish order within a batch irrelevant. A row that
/// cannot be decoded is parked with its error instead of blocking the rest.
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

            // A full batch that went out whole means more may be waiting: go again at once.
            if (published < _options.BatchSize)
            {
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Claims one batch of due rows and publishes them. Returns how many the broker confirmed.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();

        var owner = Guid.NewGuid();
        var claim = await ClaimBatchAsync(db, owner, cancellationToken);
        if (claim.Count == 0)
        {
            return 0;
        }

        var decoded = new List<DecodedRow>(claim.Count);
        foreach (var row in claim)
        {
            try
            {
                var type = IntegrationEventSerializer.ResolveType(row.MessageType);
                decoded.Add(new DecodedRow(row, type, IntegrationEventSerializer.Deserialize(row.Payload, type)));
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.Text.Json.JsonException or NotSupportedException)
            {
                // Retrying cannot fix a row that does not decode; park it so it stops holding up the others.
                await ParkAsync(db, row, owner, exception, cancellationToken);
            }
        }

        var outcomes = await PublishWithRenewedLeaseAsync(owner, decoded, cancellationToken);

        var confirmed = outcomes.Where(o => o.Error is null).Select(o => o.Row).ToList();
        // Recorded even while shutting down: the broker has these rows, or failed them, either way.
        var published = await MarkDispatchedAsync(db, owner, confirmed);
        await ReleaseFailedAsync(db, owner, outcomes.Where(o => o.Error is not null).ToList());
        return published;
    }

    private async Task<List<OutboxMessage>> ClaimBatchAsync(TContext db, Guid owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var due = await db.OutboxMessages.DueSequences(now, _options.BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        // The due-predicate is repeated in the update, so a row another instance claimed in the
        // meantime is skipped rather than stolen.
        var leasedUntil = now + (long)_options.Lease.TotalMilliseconds;
        await db.OutboxMessages
            .Where(m => due.Contains(m.Sequence) && m.DispatchedAt == null && m.LeasedUntil <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseOwner, owner)
                .SetProperty(m => m.LeasedUntil, leasedUntil), cancellationToken);

        return await db.OutboxMessages.AsNoTracking()
            .Where(m => due.Contains(m.Sequence) && m.LeaseOwner == owner)
            .OrderBy(m => m.Sequence)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every row in flight at once; the lease is renewed until the last confirmation or failure is in.</summary>
    private async Task<PublishOutcome[]> PublishWithRenewedLeaseAsync(Guid owner, List<DecodedRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewLeaseAsync(owner, rows.Select(r => r.Row.Sequence).ToList(), publishing);
        try
        {
            return await Task.WhenAll(rows.Select(row => PublishAsync(row, publishing.Token)));
        }
        finally
        {
            await publishing.CancelAsync();
            await renewal;
        }
    }

    private async Task RenewLeaseAsync(Guid owner, List<long> sequences, CancellationTokenSource publishing)
    {
        try
        {
            while (true)
            {
                // Most batches are published long before the first renewal is due: their end is not an
                // exception thrown and caught per batch, only a delay that ends early.
                await Task.Delay(_options.LeaseRenewalInterval, time, publishing.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (publishing.IsCancellationRequested)
                {
                    return;
                }

                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                var leasedUntil = time.GetUtcNow().Add(_options.Lease).ToUnixTimeMilliseconds();
                var renewed = await db.OutboxMessages
                    .Where(m => sequences.Contains(m.Sequence) && m.LeaseOwner == owner)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, leasedUntil), publishing.Token);
                if (renewed < sequences.Count)
                {
                    // The lease ran out before this renewal and another dispatcher took rows over:
                    // they are its to publish now. Stop waiting; consumers drop what both sent.
                    LogLeaseLost(sequences.Count - renewed);
                    await publishing.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (publishing.IsCancellationRequested)
        {
            // The batch is done.
        }
        catch (Exception exception)
        {
            // A renewal the store refused: the lease may lapse, and then at worst another dispatcher
            // publishes these rows too. Keep publishing; the version gate absorbs the duplicate.
            LogRenewalFailure(exception);
        }
    }

    private async Task<PublishOutcome> PublishAsync(DecodedRow row, CancellationToken cancellationToken)
    {
        var message = row.Row;
        using var activity = OutboxTelemetry.StartPublish(message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        try
        {
            await publisher.PublishAsync(row.Payload, row.Type, message.MessageId, timeout.Token);
            return new PublishOutcome(message, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "broker did not confirm");
            return new PublishOutcome(message, new TimeoutException($"The broker did not confirm within {_options.PublishTimeout.TotalSeconds:0.#} s."));
        }
        catch (Exception exception)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.Message);
            return new PublishOutcome(message, exception);
        }
    }

    /// <summary>One statement for the whole batch; rows whose lease passed to another dispatcher are not counted.</summary>
    private async Task<int> MarkDispatchedAsync(TContext db, Guid owner, List<OutboxMessage> confirmed)
    {
        if (confirmed.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var sequences = confirmed.Select(m => m.Sequence).ToList();
        var marked = await db.OutboxMessages
            .Where(m => sequences.Contains(m.Sequence) && m.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.DispatchedAt, now)
                .SetProperty(m => m.LeaseOwner, (Guid?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), CancellationToken.None);
        if (marked < confirmed.Count)
        {
            LogLeaseLost(confirmed.Count - marked);
        }

        foreach (var message in confirmed)
        {
            telemetry.Published(message, now);
        }

        return marked;
    }

    private async Task ReleaseFailedAsync(TContext db, Guid owner, List<PublishOutcome> failed)
    {
        if (failed.Count == 0)
        {
            return;
        }

        var first = failed[0];
        LogPublishFailure(first.Error!, failed.Count, first.Row.MessageType, first.Row.MessageId, first.Row.Attempts + 1);

        // Usually one broker failure for the whole batch: one statement per distinct error and attempt.
        foreach (var group in failed.GroupBy(f => (Error: Describe(f.Error!), Attempts: f.Row.Attempts + 1)))
        {
            var retryAt = time.GetUtcNow().Add(_options.RetryDelay(group.Key.Attempts)).ToUnixTimeMilliseconds();
            var sequences = group.Select(f => f.Row.Sequence).ToList();
            foreach (var outcome in group)
            {
                telemetry.Failed(outcome.Row);
            }

            await RecordFailureAsync(db, sequences, owner, group.Key.Error, retryAt, CancellationToken.None);
        }
    }

    /// <summary>Keeps the row, with its error, out of every future batch until an operator releases it (POST /outbox/parked/{id}/release).</summary>
    private async Task ParkAsync(TContext db, OutboxMessage message, Guid owner, Exception exception, CancellationToken cancellationToken)
    {
        telemetry.Failed(message);
        LogParked(exception, message.MessageId, message.MessageType);
        // One statement: a reader never sees a parked row without its time.
        await RecordFailureAsync(
            db, [message.Sequence], owner, "parked: " + Describe(exception), OutboxMessage.ParkedLease, cancellationToken, parkedAt: time.GetUtcNow());
    }

    /// <param name="parkedAt">Set when the row is parked; otherwise its last parking time (if any) is kept.</param>
    private static Task RecordFailureAsync(
        TContext db, List<long> sequences, Guid owner, string error, long retryAt, CancellationToken cancellationToken, DateTimeOffset? parkedAt = null) =>
        db.OutboxMessages
            .Where(m => sequences.Contains(m.Sequence) && m.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LeaseOwner, (Guid?)null)
                .SetProperty(m => m.LeasedUntil, retryAt)
                .SetProperty(m => m.ParkedAt, m => parkedAt ?? m.ParkedAt), cancellationToken);

    private static string Describe(Exception exception)
    {
        var error = $"{exception.GetType().Name}: {exception.Message}";
        return error.Length > 1990 ? error[..1990] : error;
    }

    private sealed record DecodedRow(OutboxMessage Row, Type Type, object Payload);

    private sealed record PublishOutcome(OutboxMessage Row, Exception? Error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageType} {MessageId} cannot be decoded and is parked; it stays in the table with its error")]
    private partial void LogParked(Exception exception, Guid messageId, string messageType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} outbox message(s) passed to another dispatcher after their lease ran out; consumers drop what both publish")]
    private partial void LogLeaseLost(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox lease renewal failed; the batch goes on, and another dispatcher may publish its rows too")]
    private partial void LogRenewalFailure(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox publish of {Count} message(s) failed (first: {MessageType} {MessageId}, attempt {Attempts}); they stay pending and will be retried")]
    private partial void LogPublishFailure(Exception exception, int count, string messageType, Guid messageId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox store could not be read; pending events stay in the table and will be retried")]
    private partial void LogStoreFailure(Exception exception);
}
