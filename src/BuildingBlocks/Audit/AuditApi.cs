using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.BuildingBlocks.Audit;

/// <summary>One entry as <c>GET /audit</c> shows it.</summary>
public sealed record AuditEntryResponse(long Sequence, DateTimeOffset At, string Actor, string Action, string ResourceType, string ResourceId, string? Detail);

/// <summary>A keyset page: pass <see cref="Next"/> as <c>after</c> for the following page; null means the end.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, long? Next);

public static class AuditApi
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <summary>Registers the service's DbContext as the audit trail that <c>GET /audit</c> reads.</summary>
    public static IServiceCollection AddAuditTrail<TContext>(this IServiceCollection services) where TContext : DbContext, IAuditContext =>
        services.AddScoped<IAuditContext>(provider => provider.GetRequiredService<TContext>())
            .AddScoped<IAuditTrail, DbAuditTrail>();

    /// <summary>Maps <c>GET /audit?resourceId=&amp;after=&amp;limit=</c> for <c>admin</c>.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Scopes.Admin);
        audit.MapGet("/", ListAuditEntries).WithName(nameof(ListAuditEntries))
            .WithSummary("The durable audit trail in commit order, optionally for one resource; a keyset page.");
        return app;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAuditEntries(
        string? resourceId, long? after, int? limit, IAuditTrail trail, CancellationToken cancellationToken)
    {
        var pageSize = limit ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"The limit is between 1 and {MaxPageSize}."] });
        }

        var trimmed = string.IsNullOrWhiteSpace(resourceId) ? null : resourceId.Trim();
        var page = await trail.ListAsync(trimmed, after, pageSize + 1, cancellationToken);
        var items = page.Take(pageSize)
            .Select(a => new AuditEntryResponse(a.Sequence, a.At, a.Actor, a.Action, a.ResourceType, a.ResourceId, a.Detail))
            .ToList();
        return TypedResults.Ok(new AuditPage(items, page.Count > pageSize ? items[^1].Sequence : null));
    }
}
