using Microsoft.AspNetCore.Http.HttpResults;
using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.ErasureService.Targets;

/// <summary>The merged map: every service's inventory as found now, and the services that could not be read.</summary>
public sealed record MergedInventoryResponse(IReadOnlyList<DiscoveredInventory> Services, IReadOnlyList<string> Unreachable);

public static class InventoryApi
{
    public static IEndpointRouteBuilder MapInventoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/erasure").WithTags("Erasure requests").RequireAuthorization(Scopes.ErasureRequest)
            .MapGet("/inventory", GetMergedInventory).WithName(nameof(GetMergedInventory))
            .WithSummary("Every service's personal-data inventory, read now through service discovery: what an erasure request's targets are built from.");
        return app;
    }

    public static async Task<Ok<MergedInventoryResponse>> GetMergedInventory(InventoryDiscovery discovery, CancellationToken cancellationToken)
    {
        var (inventories, unreachable) = await discovery.DiscoverAsync(cancellationToken);
        return TypedResults.Ok(new MergedInventoryResponse(inventories, unreachable));
    }
}
