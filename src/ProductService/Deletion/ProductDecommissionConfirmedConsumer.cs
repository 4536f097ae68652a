using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>
/// Records a consumer's confirmation and, once every registered consumer has confirmed the current
/// decommission, completes it: the product becomes Decommissioned and that change is published too.
/// Redelivered and stale confirmations (for an earlier decommission) change nothing.
/// </summary>
public sealed class ProductDecommissionConfirmedConsumer(
    ProductsDbContext db,
    IOptions<DeletionOptions> options,
    TimeProvider time,
    DeletionAudit audit,
    ILogger<ProductDecommissionConfirmedConsumer> logger) : IConsumer<ProductDecommissionConfirmed>
{
    public async Task Consume(ConsumeContext<ProductDecommissionConfirmed> context)
    {
        var confirmation = context.Message;
        var cancellationToken = context.CancellationToken;
        var consumers = options.Value.ConsumerNames;
        if (!consumers.Contains(confirmation.Consumer))
        {
            logger.LogWarning(
                "Ignoring a decommission confirmation of product {ProductId} from {Consumer}, which is not a registered consumer ({Consumers})",
                confirmation.ProductId, confirmation.Consumer, string.Join(", ", consumers));
            return;
        }

        await RecordAsync(confirmation, cancellationToken);

        // Read after our own insert committed, so whichever confirmation arrives last sees them all.
        var confirmed = await db.DeletionConfirmations.AsNoTracking()
            .Where(c => c.ProductId == confirmation.ProductId && c.Version == confirmation.Version)
            .Select(c => c.Consumer)
            .ToListAsync(cancellationToken);
        var allConfirmed = consumers.All(confirmed.Contains);

        var (product, transition) = await ProductChanges.ApplyAsync(
            db,
            confirmation.ProductId,
            (p, now) => allConfirmed && p.Status == ProductStatus.Decommissioning && p.DecommissionVersion == confirmation.Version
                ? p.CompleteDecommission(now)
                : Transition.AlreadyDone,
            ProductEvents.Decommissioned,
            time,
            cancellationToken);
        if (product is not null && transition.Outcome == TransitionOutcome.Applied)
        {
            audit.Completed(DeletionSteps.CompleteDecommission, product.Id, product.Sku, confirmation.Consumer, "decommissioned",
                $"confirmed by {string.Join(", ", consumers)}");
        }
    }

    private async Task RecordAsync(ProductDecommissionConfirmed confirmation, CancellationToken cancellationToken)
    {
        Task<bool> KnownAsync() => db.DeletionConfirmations.AnyAsync(
            c => c.ProductId == confirmation.ProductId && c.Version == confirmation.Version && c.Consumer == confirmation.Consumer,
            cancellationToken);

        if (!await KnownAsync())
        {
            db.DeletionConfirmations.Add(new DeletionConfirmation
            {
                ProductId = confirmation.ProductId,
                Version = confirmation.Version,
                Consumer = confirmation.Consumer,
                ConfirmedAt = confirmation.ConfirmedAt,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (!await KnownAsync())
                {
                    throw; // Not a concurrent duplicate: let the retry and the error queue keep the message.
                }
            }

            db.ChangeTracker.Clear();
        }
    }
}
