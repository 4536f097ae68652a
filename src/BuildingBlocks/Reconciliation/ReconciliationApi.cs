using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.Strategies;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

public static class ReconciliationApi
{
    public const string ReportPath = "/reconciliation/report";

    /// <summary>Maps the reconciliation and the cache rebuild, for <c>admin</c>, and starts the dangling metrics.</summary>
    public static IEndpointRouteBuilder MapReconciliationApi(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<DanglingMetrics>();

        var reconciliation = app.MapGroup("/reconciliation").WithTags("Reconciliation").RequireAuthorization(Scopes.Admin);
        reconciliation.MapPost("/", RunReconciliation).WithName(nameof(RunReconciliation))
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Compares this service's product cache with ProductService's snapshot now; 200 with the run when it ends within "
                + "Reconciliation:RespondWithin (10 s), else 202 while it goes on. Reports only: nothing is changed.");
        reconciliation.MapGet("/report", GetReconciliationReport).WithName(nameof(GetReconciliationReport))
            .WithSummary("The findings of the last run (dangling, stale, ahead, missing), each with its SKU, first sighting, age and references; a keyset page by product id.");

        var cache = app.MapGroup("/cache").WithTags("Reconciliation").RequireAuthorization(Scopes.Admin).RequireRateLimiting(Policies.DestructiveRateLimit);
        cache.MapPost("/rebuild", RebuildCache).WithName(nameof(RebuildCache))
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Brings the cache up to ProductService's snapshot while events keep flowing, every product through the version gate; "
                + "copies ahead of the source are overwritten with its state, each audited.");
        return app;
    }

    public static async Task<Results<Ok<ReconciliationRun>, Accepted<ReconciliationPending>, ProblemHttpResult>> RunReconciliation(
        Reconciler reconciler, IOptions<ReconciliationOptions> options, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await reconciler.RunAsync().WaitAsync(options.Value.RespondWithin, cancellationToken));
        }
        catch (TimeoutException)
        {
            return TypedResults.Accepted(ReportPath, new ReconciliationPending("running", ReportPath));
        }
        catch (ProductServiceUnavailableException unavailable)
        {
            return Problems.ServiceUnavailable("ProductService unavailable", $"The reconciliation could not read the snapshot: {unavailable.Message}");
        }
    }

    public static async Task<Results<Ok<ReconciliationReport>, ValidationProblem>> GetReconciliationReport(
        string? kind, string? after, int? limit, IReconciliationStore store, Reconciler reconciler, ConsumerIdentity consumer, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var size = Paging.Limit(limit, errors);
        var key = Paging.After(after, parts: 1, errors);
        FindingKind? wanted = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (Enum.GetNames<FindingKind>().Contains(kind, StringComparer.Ordinal))
            {
                wanted = Enum.Parse<FindingKind>(kind);
            }
            else
            {
                errors["kind"] = [$"Unknown kind '{kind}'; use one of {string.Join(", ", Enum.GetNames<FindingKind>())}."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var findings = await store.ListFindingsAsync(cancellationToken);
        var lastReconciledAt = await store.GetCheckpointAsync(ReplicaCheckpoint.Reconciliation, cancellationToken);
        var now = time.GetUtcNow();
        var listed = findings
            .Where(f => wanted is null || f.Kind == wanted)
            .Select(f => new FindingResponse(
                f.ProductId, f.Sku, f.Kind, f.FirstSeenAt, Math.Max(0, (now - f.FirstSeenAt).TotalSeconds), f.References,
                f.CacheVersion, f.SourceVersion, f.CacheStatus, f.SourceStatus, f.LastSeenAt))
            .OrderBy(f => f.ProductId.ToString(), StringComparer.Ordinal);
        var page = Paging.InMemory(listed, f => [f.ProductId.ToString()], key, size, Paging.Ordinal);
        var counts = Enum.GetValues<FindingKind>().ToDictionary(k => k, k => findings.Count(f => f.Kind == k));
        return TypedResults.Ok(new ReconciliationReport(consumer.Name, lastReconciledAt, reconciler.LastRun, counts, page.Items, page.Next));
    }

    public static async Task<Results<Ok<CacheRebuildResult>, ProblemHttpResult>> RebuildCache(
        HttpContext http, CacheRebuild rebuild, CancellationToken cancellationToken)
    {
        try
        {
            return await rebuild.RebuildAsync(http.User.Actor(), cancellationToken) is { } result
                ? TypedResults.Ok(result)
                : Problems.Conflict("Rebuild under way", "Another rebuild of this cache is running; its result is in the audit trail when it ends.");
        }
        catch (ProductServiceUnavailableException unavailable)
        {
            return Problems.ServiceUnavailable("ProductService unavailable", $"The rebuild could not read the snapshot: {unavailable.Message}");
        }
    }
}
