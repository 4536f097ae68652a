using MassTransit;
using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ErasureService.Ledger;
using ProductCatalogOrders.ErasureService.Requests;
using ProductCatalogOrders.ErasureService.Storage;

namespace ProductCatalogOrders.ErasureService.Processing;

/// <summary>
/// An asynchronous target confirmed: its row becomes Erased with the count, and the event is recorded,
/// in one transaction. A duplicate (the row is already Erased or Verified) changes nothing. A row
/// changed by the processor at the same moment makes the save fail, and MassTransit's retry re-reads.
/// </summary>
public sealed class CustomerErasureCompletedConsumer(
    ErasureDbContext db, ErasureSignal signal, SubjectTokens tokens, TimeProvider time, ILogger<CustomerErasureCompletedConsumer> logger)
    : IConsumer<CustomerErasureCompleted>
{
    public async Task Consume(ConsumeContext<CustomerErasureCompleted> context)
    {
        var confirmation = context.Message;
        var request = await db.Requests.Include(r => r.Targets).SingleOrDefaultAsync(r => r.Id == confirmation.RequestId, context.CancellationToken);
        var target = request?.Targets.SingleOrDefault(t => t.Service == confirmation.Target);
        if (request is null || target is null)
        {
            logger.LogWarning("Confirmation from {Target} for erasure request {ErasureRequestId}, which has no such target; ignored", confirmation.Target, confirmation.RequestId);
            return;
        }

        var now = time.GetUtcNow();
        // The count is the request's total at the target so far: a target asked again after verification
        // found data left reports what it erased before too, so only the difference is new.
        if (!LedgerRules.RecordErased(target, Math.Max(0, confirmation.Count - target.Erased), now))
        {
            logger.LogInformation("Duplicate confirmation from {Target} for erasure request {ErasureRequestId} ({State}); nothing changes", target.Service, request.Id, target.State);
            return;
        }

        db.Record(LedgerEventKinds.TargetErased, request, now, target.Service);
        await db.SaveChangesAsync(context.CancellationToken);
        logger.LogInformation(
            "Erasure request {ErasureRequestId}: {Target} erased {Count} record(s) of {SubjectToken}",
            request.Id, target.Service, confirmation.Count, tokens.Of(request.SubjectType, request.SubjectId));
        signal.Notify();
    }
}
