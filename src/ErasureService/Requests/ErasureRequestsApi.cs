using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.ErasureService.Ledger;
using ProductCatalogOrders.ErasureService.Processing;
using ProductCatalogOrders.ErasureService.Storage;
using ProductCatalogOrders.ErasureService.Targets;

namespace ProductCatalogOrders.ErasureService.Requests;

public static class ErasureRequestsApi
{
    public static IEndpointRouteBuilder MapErasureRequestsApi(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup("/erasure-requests").WithTags("Erasure requests").RequireAuthorization(Scopes.ErasureRequest);
        requests.MapPost("/", RequestErasure).WithName(nameof(RequestErasure)).RequireRateLimiting(Policies.DestructiveRateLimit)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Asks to forget a subject everywhere: 202 with the request and its ledger. While a request for the subject is open, returns that one.");
        requests.MapGet("/{id:guid}", GetErasureRequest).WithName(nameof(GetErasureRequest)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A request and its ledger: one row per target with state, attempts, records erased, times and last error.");
        requests.MapGet("/", ListErasureRequests).WithName(nameof(ListErasureRequests))
            .WithSummary("Requests, oldest first, optionally by state and only the overdue ones; a page at a time.");
        requests.MapPost("/{id:guid}/retry", RetryErasureRequest).WithName(nameof(RetryErasureRequest)).RequireRateLimiting(Policies.DestructiveRateLimit)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Starts the Failed targets again with a fresh set of attempts. Idempotent.");
        return app;
    }

    public static async Task<Results<Accepted<ErasureRequestResponse>, ValidationProblem, ProblemHttpResult>> RequestErasure(
        CreateErasureRequest body,
        ClaimsPrincipal user,
        ErasureDbContext db,
        InventoryDiscovery discovery,
        SubjectTokens tokens,
        ErasureSignal signal,
        ErasureMetrics metrics,
        IOptionsMonitor<ErasureOptions> options,
        TimeProvider time,
        ILogger<ErasureRequest> logger,
        CancellationToken cancellationToken)
    {
        var errors = ErasureRules.Validate(body);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (subjectType, subjectId) = (body.SubjectType!.Trim(), body.SubjectId!.Trim());
        var subjectKey = ErasureRequest.SubjectKey(subjectType, subjectId);
        if (await OpenRequestAsync(db, subjectKey, cancellationToken) is { } open)
        {
            return TypedResults.Accepted($"/erasure-requests/{open.Id}", ErasureRequestResponse.Of(open, time.GetUtcNow(), options.CurrentValue.Deadline));
        }

        var (inventories, unreachable) = await discovery.DiscoverAsync(cancellationToken);
        if (unreachable.Count > 0)
        {
            return Problems.ServiceUnavailable(
                "Personal-data inventory incomplete",
                $"The inventory of {string.Join(", ", unreachable)} could not be read and none was read before; an erasure built on a partial list could miss data. Retry shortly.");
        }

        var now = time.GetUtcNow();
        var request = new ErasureRequest
        {
            Id = Guid.CreateVersion7(),
            SubjectType = subjectType,
            SubjectId = subjectId,
            Reason = body.Reason!.Trim(),
            RequestedBy = user.Actor(),
            CreatedAt = now,
            OpenSubject = subjectKey,
        };
        request.Targets.AddRange(InventoryDiscovery.TargetsFor(subjectType, inventories, request.Id, now));
        if (request.Targets.Count == 0)
        {
            return Problems.Unprocessable(
                "No personal data of this subject type",
                $"No service ({string.Join(", ", inventories.Select(i => i.Inventory.Service))}) declares personal data of subject type '{subjectType}'.");
        }

        var subject = tokens.Of(subjectType, subjectId);
        db.Requests.Add(request);
        db.Record(LedgerEventKinds.Requested, request, now);
        db.AuditEntries.Add(AuditEntry.Of(request.RequestedBy, "request-erasure", "erasure-request", request.Id, now, $"{subject}; targets {string.Join(", ", request.Targets.Select(t => t.Service))}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent call opened a request for the subject first: that one is the answer.
            if (await OpenRequestAsync(db, subjectKey, cancellationToken) is { } raced)
            {
                return TypedResults.Accepted($"/erasure-requests/{raced.Id}", ErasureRequestResponse.Of(raced, now, options.CurrentValue.Deadline));
            }

            throw;
        }

        metrics.Requested();
        logger.LogInformation(
            "Erasure request {ErasureRequestId} for {SubjectToken} by {Actor}: targets {Targets}",
            request.Id, subject, request.RequestedBy, string.Join(", ", request.Targets.Select(t => $"{t.Service} ({t.Method})")));
        signal.Notify();
        return TypedResults.Accepted($"/erasure-requests/{request.Id}", ErasureRequestResponse.Of(request, now, options.CurrentValue.Deadline));
    }

    private static async Task<ErasureRequest?> OpenRequestAsync(ErasureDbContext db, string subjectKey, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.Requests.AsNoTracking().Include(r => r.Targets).SingleOrDefaultAsync(r => r.OpenSubject == subjectKey, cancellationToken);
    }

    public static async Task<Results<Ok<ErasureRequestResponse>, ProblemHttpResult>> GetErasureRequest(
        Guid id, ErasureDbContext db, IOptionsMonitor<ErasureOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = await db.Requests.AsNoTracking().Include(r => r.Targets).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return request is null
            ? Problems.NotFound("Erasure request not found", $"No erasure request has id {id}.")
            : TypedResults.Ok(ErasureRequestResponse.Of(request, time.GetUtcNow(), options.CurrentValue.Deadline));
    }

    public static async Task<Results<Ok<Page<ErasureRequestResponse>>, ValidationProblem>> ListErasureRequests(
        string? state, bool? overdue, string? after, int? limit, ErasureDbContext db, IOptionsMonitor<ErasureOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        RequestState? wanted = null;
        if (state is not null)
        {
            if (Enum.TryParse<RequestState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(state, out _))
            {
                wanted = parsed;
            }
            else
            {
                errors["state"] = [$"One of {string.Join(", ", Enum.GetNames<RequestState>())}."];
            }
        }

        var size = Paging.Limit(limit, errors);
        var key = Paging.After(after, parts: 1, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Ids are version-7 UUIDs: their text sorts in creation order. The filters need the derived
        // state, so the candidates are filtered here; open requests are few, closed ones are skipped by state.
        var now = time.GetUtcNow();
        var deadline = options.CurrentValue.Deadline;
        var query = db.Requests.AsNoTracking().Include(r => r.Targets).AsQueryable();
        if (overdue == true || wanted is RequestState.Pending or RequestState.InProgress or RequestState.Blocked or RequestState.Failed)
        {
            query = query.Where(r => r.CompletedAt == null);
        }

        var candidates = await query.ToListAsync(cancellationToken);
        var page = Paging.InMemory(
            candidates
                .Where(r => wanted is null || r.State == wanted)
                .Where(r => overdue is not true || r.IsOverdue(now, deadline))
                .OrderBy(r => r.Id.ToString(), StringComparer.Ordinal),
            r => [r.Id.ToString()],
            key,
            size,
            Paging.Ordinal);
        return TypedResults.Ok(new Page<ErasureRequestResponse>([.. page.Items.Select(r => ErasureRequestResponse.Of(r, now, deadline))], page.Next));
    }

    public static async Task<Results<Ok<ErasureRequestResponse>, ProblemHttpResult>> RetryErasureRequest(
        Guid id, ClaimsPrincipal user, ErasureDbContext db, ErasureSignal signal, IOptionsMonitor<ErasureOptions> options, TimeProvider time,
        ILogger<ErasureRequest> logger, CancellationToken cancellationToken)
    {
        var request = await db.Requests.Include(r => r.Targets).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return Problems.NotFound("Erasure request not found", $"No erasure request has id {id}.");
        }

        var now = time.GetUtcNow();
        var retried = request.Targets.Where(t => LedgerRules.Retry(t, now)).Select(t => t.Service).ToList();
        if (retried.Count > 0)
        {
            db.AuditEntries.Add(AuditEntry.Of(user.Actor(), "retry-erasure", "erasure-request", request.Id, now, $"targets {string.Join(", ", retried)}"));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Erasure request {ErasureRequestId}: {Targets} retried by {Actor}", request.Id, string.Join(", ", retried), user.Actor());
            signal.Notify();
        }

        return TypedResults.Ok(ErasureRequestResponse.Of(request, now, options.CurrentValue.Deadline));
    }
}
