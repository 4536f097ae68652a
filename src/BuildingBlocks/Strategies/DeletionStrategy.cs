using Microsoft.Extensions.Configuration;

namespace ProductCatalogOrders.BuildingBlocks.Strategies;

/// <summary>The four classic ways to delete a product that other services reference (<c>Deletion:Strategy</c>).</summary>
public enum DeletionStrategy
{
    /// <summary>DELETE removes the row; Catalog and Order ask ProductService synchronously. References dangle.</summary>
    JustDelete,

    /// <summary>DELETE first asks Catalog and Order to release their references, and refuses if one refuses or is down.</summary>
    SynchronousCoordination,

    /// <summary>Decommission keeps the data; Catalog and Order ask ProductService synchronously on every read and order.</summary>
    JustDontDelete,

    /// <summary>Decommission plus events; Catalog and Order read their local copies and never call ProductService on a request.</summary>
    AsynchronousUpdate,
}

public static class DeletionStrategySetting
{
    public const string Name = "Deletion:Strategy";

    /// <summary>The configured strategy (default AsynchronousUpdate); an unknown name stops start-up with one line.</summary>
    public static DeletionStrategy Resolve(IConfiguration configuration)
    {
        var value = configuration[Name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DeletionStrategy.AsynchronousUpdate;
        }

        return Enum.TryParse<DeletionStrategy>(value.Trim(), ignoreCase: true, out var strategy) && Enum.IsDefined(strategy)
            ? strategy
            : throw new StartupFailure($"{Name}: '{value}' is not a deletion strategy; use {string.Join(", ", Enum.GetNames<DeletionStrategy>())}.");
    }

    /// <summary>Whether Catalog and Order look products up in ProductService rather than in their own copies.</summary>
    public static bool LooksUpSynchronously(this DeletionStrategy strategy) => strategy != DeletionStrategy.AsynchronousUpdate;
}
