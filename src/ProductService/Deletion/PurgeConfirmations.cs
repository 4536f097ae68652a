using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>
/// Records consumers' purge confirmations, one row per consumer at the purge's version. A purge is
/// complete once every registered consumer has confirmed; nothing changes state then, since the
/// product is already a tombstone, but the audit trail records it and the deletion status shows it.
/// Redelivered confirmations, and confirmations of anything but the product's purge, change nothing.
/// </summary>
public sealed partial class PurgeConfirmations(
    ProductsDbContext db, IOptions<DeletionOptions> options, DeletionAudit audit, ILogger<PurgeConfirmations> logger)
{
    public async Task RecordAsync(ProductPurgeConfirmed confirmation, CancellationToken cancellationToken)
    {
        var consumers = options.Value.ConsumerNames;
        if (!consumers.Contains(confirmation.Consumer))
        {
            LogUnregistered(confirmation.ProductId, confirmation.Consumer, string.Join(", ", consumers));
            return;
        }

        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == confirmation.ProductId, cancellationToken);
        if (product?.PurgeVersion != confirmation.Version)
        {
            LogNotThePurge(confirmation.ProductId, confirmation.Consumer, confirmation.Version);
            return;
        }

        var confirmed = await ConfirmedAsync(product, cancellationToken);
        if (confirmed.Contains(confirmation.Consumer))
        {
            return; // a redelivery
        }

        // A concurrent duplicate fails on the key; the retry then finds it recorded.
        db.DeletionConfirmations.Add(new DeletionConfirmation
        {
            ProductId = confirmation.ProductId,
            Version = confirmation.Version,
            Consumer = confirmation.Consumer,
            ConfirmedAt = confirmation.ConfirmedAt,
        });
        await db.SaveChangesAsync(cancellationToken);

        if (consumers.All((await ConfirmedAsync(product, cancellationToken)).Contains))
        {
            audit.Completed(DeletionSteps.CompletePurge, product.Id, product.Sku, "consumers", "purge confirmed", $"confirmed by {string.Join(", ", consumers)}");
        }
    }

    private Task<List<string>> ConfirmedAsync(Product product, CancellationToken cancellationToken) =>
        db.DeletionConfirmations.AsNoTracking()
            .Where(c => c.ProductId == product.Id && c.Version == product.PurgeVersion)
            .Select(c => c.Consumer)
            .ToListAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring a purge confirmation of product {ProductId} from {Consumer}, which is not a registered consumer ({Consumers})")]
    private partial void LogUnregistered(Guid productId, string consumer, string consumers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring a purge confirmation of product {ProductId} from {Consumer} at version {Version}, which is not the product's purge")]
    private partial void LogNotThePurge(Guid productId, string consumer, long version);
}
