using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.Telemetry;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ProductService.Deletion.Checks;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>
/// The purge, behind every deletion check, for whoever asks: a person through
/// <c>POST /products/{id}/purge</c> or the <see cref="PurgeSweep"/>. Audited (a log entry when
/// requested and completed, a durable entry with the change) and counted per outcome; a dry run only
/// reports the verdicts and is not counted as a deletion request.
/// </summary>
public sealed class PurgeProduct(ProductsDbContext db, DeletionChecks checks, TimeProvider time, DeletionAudit audit, DeletionMetrics metrics)
{
    public async Task<PurgeOutcome> PurgeAsync(Guid id, ClaimsPrincipal caller, bool dryRun, CancellationToken cancellationToken)
    {
        var step = dryRun ? DeletionSteps.PurgeDryRun : DeletionSteps.Purge;
        var actor = caller.Actor();
        audit.Requested(step, id, actor);
        if (!dryRun)
        {
            metrics.Requested(DeletionKinds.Purge);
        }

        var outcome = await DecideAsync(id, caller, dryRun, step, actor, cancellationToken);
        if (!dryRun)
        {
            switch (outcome.Result)
            {
                case PurgeResult.Purged:
                    metrics.Succeeded(DeletionKinds.Purge);
                    break;
                case PurgeResult.NotFound:
                    metrics.Failed(DeletionKinds.Purge, FailureReasons.NotFound);
                    break;
                case PurgeResult.Conflict:
                    metrics.Failed(DeletionKinds.Purge, FailureReasons.Conflict);
                    break;
                default:
                    metrics.Failed(DeletionKinds.Purge, FailureReasons.Refused);
                    break;
            }
        }

        return outcome;
    }

    private async Task<PurgeOutcome> DecideAsync(Guid id, ClaimsPrincipal caller, bool dryRun, string step, string actor, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            audit.Completed(step, id, "unknown", actor, "not found", "none");
            return new PurgeOutcome(PurgeResult.NotFound, null, []);
        }

        if (product.Status == ProductStatus.Purged)
        {
            // Idempotent: the tombstone is the answer; nothing is checked or erased twice.
            audit.Completed(step, id, product.Sku, actor, "already purged", "none");
            return new PurgeOutcome(PurgeResult.Purged, product, []);
        }

        var verdicts = await EvaluateAsync(product, caller, cancellationToken);
        var summary = string.Join(", ", verdicts);
        var allowed = verdicts.All(v => v.Passed);
        if (dryRun)
        {
            audit.Completed(step, id, product.Sku, actor, allowed ? "would purge" : "would refuse", summary);
            return new PurgeOutcome(PurgeResult.DryRun, product, verdicts);
        }

        if (!allowed)
        {
            audit.Completed(step, id, product.Sku, actor, "refused", summary);
            return new PurgeOutcome(PurgeResult.Refused, product, verdicts);
        }

        // Purge only the product the checks saw: if it changed meanwhile (a restore and a new
        // decommission, say), its checks no longer hold.
        var checkedVersion = product.Version;
        var (purged, transition) = await metrics.CountingConflictsAsync(DeletionKinds.Purge, () => ProductChanges.ApplyAsync(
            db,
            id,
            (p, now) => p.Version == checkedVersion ? p.Purge(now) : Transition.Refused("The product changed while it was being checked; try again."),
            ProductEvents.Purged,
            time,
            cancellationToken,
            new(actor, DeletionSteps.Purge)));
        var outcome = transition.Outcome switch
        {
            TransitionOutcome.Applied => "purged; tombstone kept",
            TransitionOutcome.AlreadyDone => "already done; nothing changed",
            _ => $"refused: {transition.Reason}",
        };
        audit.Completed(step, id, product.Sku, actor, outcome, summary);
        return transition.Outcome == TransitionOutcome.Refused || purged is null
            ? new PurgeOutcome(PurgeResult.Conflict, product, verdicts, transition.Reason)
            : new PurgeOutcome(PurgeResult.Purged, purged, verdicts);
    }

    /// <summary>Every check's verdict for this caller now, with the consumers that confirmed the current decommission.</summary>
    public async Task<IReadOnlyList<CheckVerdict>> EvaluateAsync(Product product, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var confirmed = product.DecommissionVersion is not { } version
            ? []
            : await db.DeletionConfirmations.AsNoTracking()
                .Where(c => c.ProductId == product.Id && c.Version == version)
                .Select(c => c.Consumer)
                .ToListAsync(cancellationToken);
        return await checks.EvaluateAsync(new DeletionCheckContext(product, caller, confirmed, time.GetUtcNow()), cancellationToken);
    }
}
