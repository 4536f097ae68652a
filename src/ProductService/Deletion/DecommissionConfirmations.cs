using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>
/// Records consumers' confirmations and completes every decommission whose registered consumers
/// have all confirmed: the product becomes Decommissioned and that change is published too.
/// Confirmations that arrive together are recorded together (<see cref="GroupCommit{TRequest,TResult}"/>):
/// under load, one commit for the inserts and one for the completions, instead of two per message.
/// Redelivered and stale confirmations (for an earlier decommission) change nothing.
/// </summary>
public sealed partial class DecommissionConfirmations : IAsyncDisposable
{
    private const int MaxConcurrencyRetries = 3;

    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<DeletionOptions> _options;
    private readonly TimeProvider _time;
    private readonly DeletionAudit _audit;
    private readonly ILogger<DecommissionConfirmations> _logger;
    private readonly GroupCommit<ProductDecommissionConfirmed, bool> _commits;

    public DecommissionConfirmations(
        IServiceScopeFactory scopes, IOptions<DeletionOptions> options, TimeProvider time, DeletionAudit audit, ILogger<DecommissionConfirmations> logger)
    {
        (_scopes, _options, _time, _audit, _logger) = (scopes, options, time, audit, logger);
        _commits = new GroupCommit<ProductDecommissionConfirmed, bool>(RecordAsync, maxBatch: 256);
    }

    /// <summary>Completes once the confirmation (and any completion it brings) has committed.</summary>
    public Task RecordAsync(ProductDecommissionConfirmed confirmation, CancellationToken cancellationToken) =>
        _commits.SubmitAsync(confirmation, cancellationToken);

    public ValueTask DisposeAsync() => _commits.DisposeAsync();

    private async Task<IReadOnlyList<bool>> RecordAsync(IReadOnlyList<ProductDecommissionConfirmed> confirmations, CancellationToken cancellationToken)
    {
        var consumers = _options.Value.ConsumerNames;
        var registered = new List<ProductDecommissionConfirmed>();
        foreach (var confirmation in confirmations)
        {
            if (consumers.Contains(confirmation.Consumer))
            {
                registered.Add(confirmation);
            }
            else
            {
                LogUnregistered(confirmation.ProductId, confirmation.Consumer, string.Join(", ", consumers));
            }
        }

        if (registered.Count > 0)
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProductsDbContext>();
            await InsertNewAsync(db, registered, cancellationToken);

            // Read after the inserts committed, so whichever confirmation arrives last (here or in
            // another instance) sees them all.
            foreach (var product in await CompleteAsync(db, registered.Select(c => c.ProductId).Distinct().ToList(), consumers, cancellationToken))
            {
                _audit.Completed(DeletionSteps.CompleteDecommission, product.Id, product.Sku, "consumers", "decommissioned",
                    $"confirmed by {string.Join(", ", consumers)}");
            }
        }

        return [.. confirmations.Select(_ => true)];
    }

    private static async Task InsertNewAsync(ProductsDbContext db, List<ProductDecommissionConfirmed> confirmations, CancellationToken cancellationToken)
    {
        var ids = confirmations.Select(c => c.ProductId).Distinct().ToList();
        var known = (await db.DeletionConfirmations.AsNoTracking()
                .Where(c => ids.Contains(c.ProductId))
                .Select(c => new { c.ProductId, c.Version, c.Consumer })
                .ToListAsync(cancellationToken))
            .Select(c => (c.ProductId, c.Version, c.Consumer))
            .ToHashSet();
        foreach (var confirmation in confirmations)
        {
            if (known.Add((confirmation.ProductId, confirmation.Version, confirmation.Consumer)))
            {
                db.DeletionConfirmations.Add(new DeletionConfirmation
                {
                    ProductId = confirmation.ProductId,
                    Version = confirmation.Version,
                    Consumer = confirmation.Consumer,
                    ConfirmedAt = confirmation.ConfirmedAt,
                });
            }
        }

        // A concurrent instance inserting the same confirmation fails this batch; the group commit
        // then retries each confirmation alone, and the retry finds it known.
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task<List<Product>> CompleteAsync(
        ProductsDbContext db, List<Guid> productIds, IReadOnlyList<string> consumers, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var products = await db.Products
                .Where(p => productIds.Contains(p.Id) && p.Status == ProductStatus.Decommissioning)
                .ToListAsync(cancellationToken);
            var confirmed = (await db.DeletionConfirmations.AsNoTracking()
                    .Where(c => productIds.Contains(c.ProductId))
                    .Select(c => new { c.ProductId, c.Version, c.Consumer })
                    .ToListAsync(cancellationToken))
                .ToLookup(c => (c.ProductId, c.Version), c => c.Consumer);

            var now = _time.GetUtcNow();
            var completed = new List<Product>();
            foreach (var product in products)
            {
                if (consumers.All(confirmed[(product.Id, product.DecommissionVersion ?? -1)].Contains)
                    && product.CompleteDecommission(now).Outcome == TransitionOutcome.Applied)
                {
                    db.Enqueue(ProductEvents.DecommissionCompleted(product), now);
                    completed.Add(product);
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return completed;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxConcurrencyRetries)
            {
                // A request changed one of these products meanwhile (a restore, say): decide again on fresh rows.
                db.ChangeTracker.Clear();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring a decommission confirmation of product {ProductId} from {Consumer}, which is not a registered consumer ({Consumers})")]
    private partial void LogUnregistered(Guid productId, string consumer, string consumers);
}
