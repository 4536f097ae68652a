using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>
/// Parked outbox rows, for <c>admin</c>: a row the dispatcher could not decode is parked with its
/// error instead of blocking the rest. <c>GET /outbox/parked</c> lists them; releasing one makes it
/// pending again for another try (after a fix is deployed, say), audited in the transaction of the change.
/// </summary>
public static class ParkedOutboxApi
{
    /// <summary>
    /// Maps the parked-row endpoints of the service's outbox (see <see cref="OutboxSetup.AddOutboxDispatcher{TContext}"/>;
    /// its context must also hold the audit trail). Every service with an outbox calls this.
    /// </summary>
    public static IEndpointRouteBuilder MapParkedOutboxApi(this IEndpointRouteBuilder app)
    {
        var parked = app.MapGroup("/outbox/parked").WithTags("Outbox").RequireAuthorization(Scopes.Admin);
        parked.MapGet("/", ListParkedOutboxRows).WithName("ListParkedOutboxRows")
            .WithSummary("Outbox rows parked because they could not be published, oldest first, with their error; a keyset page.");
        parked.MapPost("/{id:long}/release", ReleaseParkedOutboxRow).WithName("ReleaseParkedOutboxRow")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Makes a parked row pending again for another try; audited. Idempotent: a released row answers with its state.");
        return app;
    }

    public static async Task<Results<Ok<Page<OutboxRowResponse>>, ValidationProblem>> ListParkedOutboxRows(
        string? after, int? limit, IOutboxContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var size = Paging.Limit(limit, errors);
        var key = Paging.After(after, parts: 1, errors);
        long? last = null;
        if (key is not null)
        {
            if (long.TryParse(key[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                last = sequence;
            }
            else
            {
                errors["after"] = ["Not a cursor of this list: pass the 'next' value of the previous page unchanged."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.OutboxMessages.AsNoTracking().Where(m => m.DispatchedAt == null && m.LeasedUntil == OutboxMessage.ParkedLease);
        if (last is { } l)
        {
            query = query.Where(m => m.Sequence > l);
        }

        var window = await query.OrderBy(m => m.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var page = Paging.Page(window, size, row => [row.Sequence.ToString(CultureInfo.InvariantCulture)]);
        return TypedResults.Ok(new Page<OutboxRowResponse>([.. page.Items.Select(OutboxRowResponse.From)], page.Next));
    }

    public static async Task<Results<Ok<OutboxRowResponse>, ProblemHttpResult>> ReleaseParkedOutboxRow(
        long id, ClaimsPrincipal user, IOutboxContext outbox, IAuditContext audit, OutboxSignal signal, TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Both are the service's one DbContext of this request scope.
        var db = (DbContext)outbox;
        // The strategy retries the whole unit on SQL Server's transient errors; inside it, one conditional
        // update, so of two concurrent releases exactly one changes the row and writes the audit entry.
        var (released, row) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await outbox.OutboxMessages
                .Where(m => m.Sequence == id && m.DispatchedAt == null && m.LeasedUntil == OutboxMessage.ParkedLease)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, 0L).SetProperty(m => m.LeaseOwner, (Guid?)null), cancellationToken);
            var current = await outbox.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Sequence == id, cancellationToken);
            if (changed == 1 && current is not null)
            {
                audit.AuditEntries.Add(AuditEntry.Of(
                    user.Actor(), "release", "outbox-row", id, time.GetUtcNow(), $"{current.MessageType} {current.MessageId}, parked with: {current.LastError}"));
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return (changed, current);
        });

        if (row is null)
        {
            return Problems.NotFound("Outbox row not found", $"No outbox row has id {id}.");
        }

        if (released == 0 && row.ParkedAt is null)
        {
            return Problems.Conflict("Outbox row is not parked", $"Outbox row {id} was never parked; it is {OutboxRowResponse.From(row).State}.");
        }

        if (released == 1)
        {
            signal.Notify();
        }

        return TypedResults.Ok(OutboxRowResponse.From(row));
    }
}
