using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.Telemetry;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ProductService.Deletion.Checks;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>
/// The deletion lifecycle: decommission (the DELETING step), restore within the window, purge behind
/// the deletion checks, legal holds, and where each deletion stands. Every step is audited.
/// </summary>
public static class DeletionApi
{
    public static IEndpointRouteBuilder MapDeletionApi(this IEndpointRouteBuilder app)
    {
        var decommission = app.MapGroup("/products/{id:guid}").WithTags("Deletion lifecycle")
            .RequireAuthorization(Scopes.ProductsDecommission).RequireRateLimiting(Policies.DestructiveRateLimit);
        decommission.MapPost("/decommission", DecommissionProduct).WithName(nameof(DecommissionProduct)).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Starts the DELETING step (status Decommissioning) and publishes ProductDecommissioned. Idempotent.");
        decommission.MapPost("/restore", RestoreProduct).WithName(nameof(RestoreProduct)).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Returns a decommissioned product to Active within the restoration window and publishes ProductRestored.");

        // Any products:* scope reaches the purge; its authorization check then asks for products:purge, so a
        // refused purge lists every failed check at once. A dry run needs products:decommission.
        var purge = app.MapGroup("/products/{id:guid}").WithTags("Deletion lifecycle")
            .RequireAuthorization(Policies.AnyProductScope).RequireRateLimiting(Policies.DestructiveRateLimit);
        purge.MapPost("/purge", PurgeProduct).WithName(nameof(PurgeProduct)).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Erases the master data behind the deletion checks, keeping a tombstone; ?dryRun=true only reports the verdicts.");

        var holds = app.MapGroup("/products/{id:guid}").WithTags("Deletion lifecycle")
            .RequireAuthorization(Scopes.ProductsLegalHold).RequireRateLimiting(Policies.DestructiveRateLimit);
        holds.MapPut("/legal-hold", PlaceLegalHold).WithName(nameof(PlaceLegalHold)).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Sets (or replaces) a legal hold with a reason and publishes ProductLegalHoldChanged; a held product cannot be purged.");
        holds.MapDelete("/legal-hold", LiftLegalHold).WithName(nameof(LiftLegalHold)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Lifts the legal hold and publishes ProductLegalHoldChanged. Idempotent.");

        var views = app.MapGroup("").WithTags("Deletion lifecycle").RequireAuthorization();
        views.MapGet("/products/{id:guid}/deletion", GetDeletionStatus).WithName(nameof(GetDeletionStatus)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Status, windows, each consumer's decommission and purge confirmation, what is pending, and the purge checks now.");
        views.MapGet("/deletions", ListDeletions).WithName(nameof(ListDeletions))
            .WithSummary("Deletions by state: in-progress (the DELETING step), stuck (unconfirmed too long), purgeable (past retention, the purge sweep's candidates).");
        views.MapGet("/deletions/purge-sweep", GetLastPurgeSweep).WithName(nameof(GetLastPurgeSweep))
            .WithSummary("The purge sweep's settings and its last run: what it purged, what it refused and why, what the rate limit left for the next run.");
        return app;
    }

    public static async Task<Results<Accepted<ProductResponse>, ProblemHttpResult>> DecommissionProduct(
        Guid id, ClaimsPrincipal user, ProductDecommissions decommissions, DeletionAudit audit, DeletionMetrics metrics,
        CancellationToken cancellationToken)
    {
        var actor = user.Actor();
        audit.Requested(DeletionSteps.Decommission, id, actor);
        metrics.Requested(DeletionKinds.Decommission);
        var (product, transition) = await metrics.CountingConflictsAsync(
            DeletionKinds.Decommission, () => decommissions.DecommissionAsync(id, actor, cancellationToken));
        if (product is null)
        {
            audit.Completed(DeletionSteps.Decommission, id, "unknown", actor, "not found", "none");
            metrics.Failed(DeletionKinds.Decommission, FailureReasons.NotFound);
            return ProductNotFound(id);
        }

        audit.Completed(DeletionSteps.Decommission, id, product.Sku, actor, Describe(transition, "decommissioning; consumers notified"), "none");
        Count(metrics, DeletionKinds.Decommission, transition);
        return transition.Outcome == TransitionOutcome.Refused
            ? Problems.Conflict("Product cannot be decommissioned", transition.Reason)
            : TypedResults.Accepted($"/products/{product.Id}/deletion", ProductResponse.From(product));
    }

    public static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> RestoreProduct(
        Guid id, ClaimsPrincipal user, ProductsDbContext db, TimeProvider time, IOptions<DeletionOptions> options, DeletionAudit audit,
        DeletionMetrics metrics, CancellationToken cancellationToken)
    {
        var actor = user.Actor();
        audit.Requested(DeletionSteps.Restore, id, actor);
        metrics.Requested(DeletionKinds.Restore);
        var window = options.Value.RestorationWindow;
        var (product, transition) = await metrics.CountingConflictsAsync(DeletionKinds.Restore, () => ProductChanges.ApplyAsync(
            db, id, (p, now) => p.Restore(now, window), ProductEvents.Restored, time, cancellationToken, new(actor, DeletionSteps.Restore)));
        if (product is null)
        {
            audit.Completed(DeletionSteps.Restore, id, "unknown", actor, "not found", "none");
            metrics.Failed(DeletionKinds.Restore, FailureReasons.NotFound);
            return ProductNotFound(id);
        }

        audit.Completed(DeletionSteps.Restore, id, product.Sku, actor, Describe(transition, "restored to Active"), "restoration window");
        Count(metrics, DeletionKinds.Restore, transition);
        return transition.Outcome == TransitionOutcome.Refused
            ? Problems.Conflict("Product cannot be restored", transition.Reason)
            : TypedResults.Ok(ProductResponse.From(product));
    }

    public static async Task<Results<Ok<PurgeResponse>, ProblemHttpResult>> PurgeProduct(
        Guid id, bool? dryRun, ClaimsPrincipal user, PurgeProduct purge, CancellationToken cancellationToken)
    {
        if (dryRun == true && !user.HasScope(Scopes.ProductsDecommission))
        {
            return Problems.Forbidden(Scopes.ProductsDecommission, "A purge dry run");
        }

        var outcome = await purge.PurgeAsync(id, user, dryRun == true, cancellationToken);
        return outcome.Result switch
        {
            PurgeResult.NotFound => ProductNotFound(id),
            PurgeResult.Refused => Problems.Conflict(
                "Purge refused by the deletion checks",
                string.Join(" ", outcome.FailedChecks.Select(v => $"{v.Check}: {v.Reason}")),
                new Dictionary<string, object?> { ["checks"] = outcome.FailedChecks }),
            PurgeResult.Conflict => Problems.Conflict("Purge refused", outcome.Reason),
            _ => TypedResults.Ok(new PurgeResponse(dryRun == true, outcome.Allowed, ProductResponse.From(outcome.Product!), outcome.Checks)),
        };
    }

    public static async Task<Results<Ok<DeletionStatusResponse>, ProblemHttpResult>> GetDeletionStatus(
        Guid id, ClaimsPrincipal user, ProductsDbContext db, DeletionChecks checks, TimeProvider time, IOptions<DeletionOptions> options,
        CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return ProductNotFound(id);
        }

        var settings = options.Value;
        var confirmations = await ConfirmationsAsync(db, product, cancellationToken);
        var purgeConfirmations = await ConfirmationsAsync(db, product.Id, product.PurgeVersion, cancellationToken);
        var consumers = PerConsumer(settings, confirmations);
        var purgeConsumers = product.PurgeVersion is null ? [] : PerConsumer(settings, purgeConfirmations);
        var pending = product.PurgeVersion is null
            ? Pending(product, settings, confirmations.Keys)
            : settings.ConsumerNames.Except(purgeConfirmations.Keys).ToList();
        DateTimeOffset? purgeCompletedAt = purgeConsumers.Count > 0 && purgeConsumers.All(c => c.Confirmed) ? purgeConsumers.Max(c => c.ConfirmedAt) : null;
        var verdicts = product.Status == ProductStatus.Purged
            ? []
            : await checks.EvaluateAsync(await CheckContextAsync(db, product, user, time, cancellationToken), cancellationToken);
        var legalHold = ProductResponse.From(product).LegalHold;
        return TypedResults.Ok(new DeletionStatusResponse(
            product.Id, product.Sku, product.Status, product.Version,
            product.DecommissionedAt, product.DecommissionCompletedAt,
            product.RestorableUntil(settings.RestorationWindow), product.RetainedUntil(settings.RetentionPeriod), product.PurgedAt,
            legalHold, consumers, pending, verdicts, purgeConsumers, purgeCompletedAt));
    }

    private static List<ConsumerConfirmationResponse> PerConsumer(DeletionOptions settings, Dictionary<string, DateTimeOffset> confirmations) =>
        settings.ConsumerNames
            .Select(c => confirmations.TryGetValue(c, out var at)
                ? new ConsumerConfirmationResponse(c, true, at)
                : new ConsumerConfirmationResponse(c, false, null))
            .ToList();

    public static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> PlaceLegalHold(
        Guid id, LegalHoldRequest request, ClaimsPrincipal user, ProductsDbContext db, TimeProvider time, DeletionAudit audit,
        CancellationToken cancellationToken)
    {
        var errors = ProductRules.ValidateLegalHold(request.Reason);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var actor = user.Actor();
        audit.Requested(DeletionSteps.PlaceLegalHold, id, actor);
        var reason = request.Reason!.Trim();
        var (product, transition) = await ProductChanges.ApplyAsync(
            db, id, (p, now) => p.PlaceLegalHold(reason, actor, now), ProductEvents.LegalHoldChanged, time, cancellationToken, new(actor, DeletionSteps.PlaceLegalHold));
        if (product is null)
        {
            audit.Completed(DeletionSteps.PlaceLegalHold, id, "unknown", actor, "not found", "none");
            return ProductNotFound(id);
        }

        audit.Completed(DeletionSteps.PlaceLegalHold, id, product.Sku, actor, Describe(transition, $"held: {reason}"), "none");
        return transition.Outcome == TransitionOutcome.Refused
            ? Problems.Conflict("Legal hold cannot be placed", transition.Reason)
            : TypedResults.Ok(ProductResponse.From(product));
    }

    public static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> LiftLegalHold(
        Guid id, ClaimsPrincipal user, ProductsDbContext db, TimeProvider time, DeletionAudit audit, CancellationToken cancellationToken)
    {
        var actor = user.Actor();
        audit.Requested(DeletionSteps.LiftLegalHold, id, actor);
        var (product, transition) = await ProductChanges.ApplyAsync(
            db, id, (p, now) => p.LiftLegalHold(now), ProductEvents.LegalHoldChanged, time, cancellationToken, new(actor, DeletionSteps.LiftLegalHold));
        if (product is null)
        {
            audit.Completed(DeletionSteps.LiftLegalHold, id, "unknown", actor, "not found", "none");
            return ProductNotFound(id);
        }

        audit.Completed(DeletionSteps.LiftLegalHold, id, product.Sku, actor, Describe(transition, "hold lifted"), "none");
        return TypedResults.Ok(ProductResponse.From(product));
    }

    public static async Task<Results<Ok<Page<DeletionSummary>>, ValidationProblem>> ListDeletions(
        string? state, string? after, int? limit, ProductsDbContext db, TimeProvider time, IOptions<DeletionOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (state is not ("stuck" or "in-progress" or "purgeable"))
        {
            errors["state"] = ["Use state=stuck (unconfirmed for longer than Deletion:StuckAfter), state=in-progress, or state=purgeable (past retention, not purged)."];
        }

        var size = Paging.Limit(limit, errors);
        var key = Paging.After(after, parts: 2, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var settings = options.Value;
        var selected = state == "purgeable"
            ? await PurgeCandidates.ListAsync(db, settings, time.GetUtcNow(), cancellationToken)
            : await InProgressAsync(db, state == "stuck" ? time.GetUtcNow() - settings.StuckAfter : null, cancellationToken);
        var window = Paging.InMemory(selected, DeletionKey, key, size, Paging.Ordinal);

        var summaries = new List<DeletionSummary>();
        foreach (var product in window.Items)
        {
            var confirmations = await ConfirmationsAsync(db, product, cancellationToken);
            summaries.Add(new DeletionSummary(product.Id, product.Sku, product.Status, product.DecommissionedAt, Pending(product, settings, confirmations.Keys)));
        }

        return TypedResults.Ok(new Page<DeletionSummary>(summaries, window.Next));
    }

    /// <summary>Products in their DELETING step, oldest first; only those decommissioned before <paramref name="stuckBefore"/> when given.</summary>
    private static async Task<List<Product>> InProgressAsync(ProductsDbContext db, DateTimeOffset? stuckBefore, CancellationToken cancellationToken)
    {
        // Filtered and ordered in memory: SQLite cannot compare DateTimeOffset values, and products in
        // their DELETING step are few at any time. Confirmations are read for the page only.
        var inProgress = await db.Products.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Decommissioning)
            .ToListAsync(cancellationToken);
        return [.. inProgress
            .Where(p => stuckBefore is null || p.DecommissionedAt < stuckBefore)
            .OrderBy(p => p.DecommissionedAt?.UtcTicks).ThenBy(p => p.Id.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>Since when the product is in its DELETING step (ticks, fixed-width so ordinal order is time order), then its id.</summary>
    internal static string[] DeletionKey(Product product) =>
        [(product.DecommissionedAt?.UtcTicks ?? 0).ToString("D20", CultureInfo.InvariantCulture), product.Id.ToString()];

    private static async Task<DeletionCheckContext> CheckContextAsync(
        ProductsDbContext db, Product product, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        var confirmations = await ConfirmationsAsync(db, product, cancellationToken);
        return new DeletionCheckContext(product, user, confirmations.Keys, time.GetUtcNow());
    }

    /// <summary>Who confirmed the product's current decommission, and when.</summary>
    private static Task<Dictionary<string, DateTimeOffset>> ConfirmationsAsync(
        ProductsDbContext db, Product product, CancellationToken cancellationToken) =>
        ConfirmationsAsync(db, product.Id, product.DecommissionVersion, cancellationToken);

    /// <summary>Who confirmed the step published at this version (a decommission or a purge), and when.</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> ConfirmationsAsync(
        ProductsDbContext db, Guid productId, long? stepVersion, CancellationToken cancellationToken) =>
        stepVersion is not { } version
            ? []
            : await db.DeletionConfirmations.AsNoTracking()
                .Where(c => c.ProductId == productId && c.Version == version)
                .ToDictionaryAsync(c => c.Consumer, c => c.ConfirmedAt, cancellationToken);

    private static List<string> Pending(Product product, DeletionOptions settings, IEnumerable<string> confirmed) =>
        product.Status == ProductStatus.Decommissioning ? settings.ConsumerNames.Except(confirmed).ToList() : [];

    public static Ok<PurgeSweepStatus> GetLastPurgeSweep(PurgeSweep sweep) => TypedResults.Ok(sweep.Status);

    /// <summary>Applied and already done are both successes (the caller got what it asked for); a refusal is a failure.</summary>
    private static void Count(DeletionMetrics metrics, string kind, Transition transition)
    {
        if (transition.Outcome == TransitionOutcome.Refused)
        {
            metrics.Failed(kind, FailureReasons.Refused);
        }
        else
        {
            metrics.Succeeded(kind);
        }
    }

    private static string Describe(Transition transition, string applied) => transition.Outcome switch
    {
        TransitionOutcome.Applied => applied,
        TransitionOutcome.AlreadyDone => "already done; nothing changed",
        _ => $"refused: {transition.Reason}",
    };

    private static ProblemHttpResult ProductNotFound(Guid id) => Problems.NotFound("Product not found", $"No product has id {id}.");
}
