using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.BuildingBlocks.Hosting;

/// <summary>
/// The shape every service shares, in the Aspire template's order: service defaults, the trust
/// boundary, the service's own registrations, a host's overrides (tests swap the clock), the HTTP
/// defaults, security middleware and health endpoints, then the service's APIs. Program, the integration tests and the lab all build a
/// service through here.
/// </summary>
public static class ServiceApplication
{
    public static WebApplication Build(
        Type service,
        string[] args,
        Action<IHostApplicationBuilder> addApplicationServices,
        Action<WebApplication> mapApis,
        Action<IServiceCollection>? overrideServices)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = service.Assembly.GetName().Name,
        });

        builder.AddServiceDefaults();
        builder.AddServiceSecurity();
        addApplicationServices(builder);
        overrideServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseHttpApiDefaults();
        app.UseServiceSecurity();
        app.MapDefaultEndpoints(metrics => metrics.RequireAuthorization(Policies.Operational));
        mapApis(app);
        return app;
    }
}
