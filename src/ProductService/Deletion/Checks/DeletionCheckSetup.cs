namespace ProductCatalogOrders.ProductService.Deletion.Checks;

public static class DeletionCheckSetup
{
    /// <summary>Registers a check; checks run in the order they are registered.</summary>
    public static IServiceCollection AddDeletionCheck<TCheck>(this IServiceCollection services) where TCheck : class, IDeletionCheck =>
        services.AddScoped<IDeletionCheck, TCheck>();

    /// <summary>The checks every purge must pass.</summary>
    public static IServiceCollection AddDeletionChecks(this IServiceCollection services) => services
        .AddScoped<DeletionChecks>()
        .AddDeletionCheck<RetentionCheck>()
        .AddDeletionCheck<AuthorizationCheck>()
        .AddDeletionCheck<DependencyCheck>()
        .AddDeletionCheck<LegalHoldCheck>();
}
