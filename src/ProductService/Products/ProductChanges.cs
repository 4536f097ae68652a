using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Outbox;

namespace ProductCatalogOrders.ProductService.Products;

/// <summary>Who made a change, and which: what its audit entry records.</summary>
internal readonly record struct AuditedAs(string Actor, string Action);

/// <summary>
/// Loads a product, applies one transition and, when it changed, commits the new state, its event
/// and (for a caller's change) its audit entry in one transaction. A concurrent change to the same
/// product (the version is the concurrency token) makes it start over from the fresh row.
/// </summary>
internal static class ProductChanges
{
    /// <summary>Bounded: a change that loses every race answers 409 with Retry-After (see ConcurrentChangeHandler).</summary>
    private const int MaxAttempts = 5;

    public static async Task<(Product? Product, Transition Transition)> ApplyAsync(
        ProductsDbContext db,
        Guid id,
        Func<Product, DateTimeOffset, Transition> change,
        Func<Product, object> toEvent,
        TimeProvider time,
        CancellationToken cancellationToken,
        AuditedAs? audited = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (product is null)
            {
                return (null, Transition.AlreadyDone);
            }

            var now = time.GetUtcNow();
            var transition = change(product, now);
            if (transition.Outcome != TransitionOutcome.Applied)
            {
                return (product, transition);
            }

            db.Enqueue(toEvent(product), now);
            if (audited is { } by)
            {
                db.AuditEntries.Add(AuditEntry.Of(by.Actor, by.Action, "product", product.Id, now, $"{product.Sku}: {product.Status}, version {product.Version}"));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (product, transition);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// The same change to several products (or to one product several times) in one transaction:
    /// each applied change adds its event and its audit entry, and everything commits together or
    /// not at all. No retry here: on a concurrent change the caller falls back to <see cref="ApplyAsync"/>
    /// one change at a time (see <see cref="BuildingBlocks.Storage.GroupCommit{TRequest,TResult}"/>).
    /// </summary>
    public static async Task<IReadOnlyList<(Product? Product, Transition Transition)>> ApplyEachAsync(
        ProductsDbContext db,
        IReadOnlyList<(Guid Id, AuditedAs By)> changes,
        Func<Product, DateTimeOffset, Transition> change,
        Func<Product, object> toEvent,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var ids = changes.Select(c => c.Id).Distinct().ToList();
        var products = await db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var now = time.GetUtcNow();
        var results = new List<(Product?, Transition)>(changes.Count);
        foreach (var (id, by) in changes)
        {
            if (!products.TryGetValue(id, out var product))
            {
                results.Add((null, Transition.AlreadyDone));
                continue;
            }

            var transition = change(product, now);
            if (transition.Outcome == TransitionOutcome.Applied)
            {
                db.Enqueue(toEvent(product), now);
                db.AuditEntries.Add(AuditEntry.Of(by.Actor, by.Action, "product", product.Id, now, $"{product.Sku}: {product.Status}, version {product.Version}"));
            }

            results.Add((product, transition));
        }

        await db.SaveChangesAsync(cancellationToken);
        return results;
    }
}
