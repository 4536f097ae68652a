using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProductCatalogOrders.BuildingBlocks.Security;
using Scalar.AspNetCore;

namespace ProductCatalogOrders.BuildingBlocks.Http;

public static class HttpApiSetup
{
    /// <summary>
    /// JSON in camelCase with statuses as strings, RFC 9457 problem details for every error, and
    /// an OpenAPI document. Malformed requests become 400 problems, never exceptions.
    /// </summary>
    public static IHostApplicationBuilder AddHttpApiDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ConcurrentChangeHandler>();
        builder.Services.AddOpenApi(options => options.AddTrustBoundary());
        builder.Services.Configure<JsonOptions>(options =>
        {
            // The contract: numbers as JSON numbers and enums as their names. The web defaults would
            // also read "1.50" as a number and 1 as an enum; both are refused with 400 instead.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        });
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        return builder;
    }

    public static WebApplication UseHttpApiDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi().RequireAuthorization(Policies.Operational);
        if (app.Environment.IsDevelopment())
        {
            // An interactive page to paste a token into and try every call.
            app.MapScalarApiReference().RequireAuthorization(Policies.Operational);
        }

        return app;
    }
}
