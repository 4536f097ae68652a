using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.ErasureService.Processing;
using ProductCatalogOrders.ErasureService.Requests;
using ProductCatalogOrders.ErasureService.Storage;

namespace ProductCatalogOrders.ErasureService.LegalHolds;

public sealed record SubjectLegalHoldRequest(string? Reason);

public sealed record SubjectLegalHoldResponse(string SubjectType, string SubjectId, string Reason, string SetBy, DateTimeOffset SetAt);

public static class LegalHoldsApi
{
    public static IEndpointRouteBuilder MapLegalHoldsApi(this IEndpointRouteBuilder app)
    {
        var holds = app.MapGroup("/subjects/{type}/{id}").WithTags("Legal holds")
            .RequireAuthorization(Scopes.ErasureLegalHold).RequireRateLimiting(Policies.DestructiveRateLimit);
        holds.MapPut("/legal-hold", PlaceSubjectLegalHold).WithName(nameof(PlaceSubjectLegalHold))
            .WithSummary("Sets (or replaces) a legal hold on a subject: its erasure requests stay Blocked until it is lifted.");
        holds.MapDelete("/legal-hold", LiftSubjectLegalHold).WithName(nameof(LiftSubjectLegalHold))
            .WithSummary("Lifts the legal hold; Blocked requests resume by themselves once every check passes. Idempotent.");
        return app;
    }

    public static async Task<Results<Ok<SubjectLegalHoldResponse>, ValidationProblem>> PlaceSubjectLegalHold(
        string type, string id, SubjectLegalHoldRequest request, ClaimsPrincipal user, ErasureDbContext db, SubjectTokens tokens, TimeProvider time,
        ILogger<SubjectLegalHold> logger, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ErasureRules.SubjectErrors(type, id, errors);
        ErasureRules.Text(errors, "reason", request.Reason, SubjectLegalHold.MaxReasonLength);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (subjectType, subjectId) = (type.Trim(), id.Trim());
        var now = time.GetUtcNow();
        var hold = await db.LegalHolds.FindAsync([subjectType, subjectId], cancellationToken);
        if (hold is null)
        {
            hold = new SubjectLegalHold { SubjectType = subjectType, SubjectId = subjectId, Reason = "", SetBy = "" };
            db.LegalHolds.Add(hold);
        }

        hold.Reason = request.Reason!.Trim();
        hold.SetBy = user.Actor();
        hold.SetAt = now;
        var subject = tokens.Of(subjectType, subjectId);
        db.AuditEntries.Add(AuditEntry.Of(hold.SetBy, "place-legal-hold", "subject", subject, now, hold.Reason));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Legal hold on {SubjectToken} set by {Actor}", subject, hold.SetBy);
        return TypedResults.Ok(new SubjectLegalHoldResponse(hold.SubjectType, hold.SubjectId, hold.Reason, hold.SetBy, hold.SetAt));
    }

    public static async Task<Results<NoContent, ValidationProblem>> LiftSubjectLegalHold(
        string type, string id, ClaimsPrincipal user, ErasureDbContext db, SubjectTokens tokens, ErasureSignal signal, TimeProvider time,
        ILogger<SubjectLegalHold> logger, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ErasureRules.SubjectErrors(type, id, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var hold = await db.LegalHolds.FindAsync([type.Trim(), id.Trim()], cancellationToken);
        if (hold is not null)
        {
            var now = time.GetUtcNow();
            var subject = tokens.Of(hold.SubjectType, hold.SubjectId);
            db.LegalHolds.Remove(hold);
            db.AuditEntries.Add(AuditEntry.Of(user.Actor(), "lift-legal-hold", "subject", subject, now));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Legal hold on {SubjectToken} lifted by {Actor}", subject, user.Actor());
            await db.Targets.Where(t => t.State == TargetState.Blocked && db.Requests.Any(r => r.Id == t.RequestId && r.SubjectType == hold.SubjectType && r.SubjectId == hold.SubjectId))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.DueAt, 0L), cancellationToken);
            signal.Notify();
        }

        return TypedResults.NoContent();
    }
}
