using Microsoft.Extensions.Configuration;

namespace ProductCatalogOrders.BuildingBlocks.Storage;

/// <summary>The store providers a service can be switched between with <c>Storage:Provider</c>.</summary>
public enum StoreProvider
{
    Sqlite,
    SqlServer,
    Mongo,
}

public static class StoreProviderSetting
{
    public const string Name = "Storage:Provider";

    /// <summary>
    /// The configured provider (default Sqlite), if this service supports it; otherwise start-up
    /// stops with one line naming the setting and the values it takes.
    /// </summary>
    public static StoreProvider Resolve(IConfiguration configuration, params StoreProvider[] supported)
    {
        var value = configuration[Name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return StoreProvider.Sqlite;
        }

        if (Enum.TryParse<StoreProvider>(value.Trim(), ignoreCase: true, out var provider)
            && Enum.IsDefined(provider)
            && supported.Contains(provider))
        {
            return provider;
        }

        throw new StartupFailure($"{Name}: '{value}' is not a store provider this service supports; use {string.Join(" or ", supported)}.");
    }
}
