namespace ProductCatalogOrders.ErasureService.Checks;

public static class ErasureCheckSetup
{
    /// <summary>Registers a check; checks run in the order they are registered.</summary>
    public static IServiceCollection AddErasureCheck<TCheck>(this IServiceCollection services) where TCheck : class, IErasureCheck =>
        services.AddScoped<IErasureCheck, TCheck>();

    /// <summary>The checks every erasure must pass before a target is touched.</summary>
    public static IServiceCollection AddErasureChecks(this IServiceCollection services) => services
        .AddScoped<ErasureChecks>()
        .AddErasureCheck<LegalHoldCheck>()
        .AddErasureCheck<DependencyCheck>();
}
