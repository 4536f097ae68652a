using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>
/// Deletes dispatched rows once they are older than <see cref="OutboxOptions.Retention"/>, a few
/// hundred per statement, so the table holds the backlog and a short history, not every event ever
/// sent. Pending and parked rows are never touched.
/// </summary>
public sealed partial class OutboxPruner<TContext>(
    IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxPruner<TContext>> logger)
    : BackgroundService
    where TContext : DbContext, IOutboxContext
{
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var pruned = await PruneAsync(stoppingToken);
                if (pruned > 0)
                {
                    LogPruned(pruned, _options.Retention);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailure(exception);
            }

            try
            {
                await Task.Delay(_options.PruneInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Deletes every dispatched row past retention, batch by batch; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - _options.Retention;
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();

            // The oldest dispatched rows by sequence, compared with the cutoff here rather than in SQL,
            // because SQLite cannot compare the stored timestamps. Rows go out roughly in sequence
            // order, so the expired ones come first.
            var oldest = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.DispatchedAt != null)
                .OrderBy(m => m.Sequence)
                .Select(m => new { m.Sequence, m.DispatchedAt })
                .Take(_options.PruneBatchSize)
                .ToListAsync(cancellationToken);
            var expired = oldest.Where(m => m.DispatchedAt < cutoff).Select(m => m.Sequence).ToList();
            if (expired.Count == 0)
            {
                return total;
            }

            total += await db.OutboxMessages
                .Where(m => expired.Contains(m.Sequence) && m.DispatchedAt != null)
                .ExecuteDeleteAsync(cancellationToken);
            if (oldest.Count < _options.PruneBatchSize)
            {
                return total;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox pruned {Count} dispatched row(s) older than {Retention}")]
    private partial void LogPruned(int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox pruning failed; it tries again on its next round")]
    private partial void LogFailure(Exception exception);
}
