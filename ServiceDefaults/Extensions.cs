using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The Aspire service-defaults shape: telemetry, health checks, service discovery and HTTP resilience.
/// Every service calls <see cref="AddServiceDefaults{TBuilder}"/> and <see cref="MapDefaultEndpoints"/>.
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";
    private const string MetricsEndpointPath = "/metrics";

    /// <summary>Meters and activity sources the services emit on top of the framework's own.</summary>
    public const string TelemetryPrefix = "ProductCatalogOrders";

    /// <summary>MassTransit's meter name, <c>MassTransit.Monitoring.InstrumentationOptions.MeterName</c>.</summary>
    public const string MassTransitMeter = "MassTransit";

    /// <summary><c>MongoDB.Driver.MongoTelemetry.ActivitySourceName</c>, named here so ServiceDefaults need not reference the driver.</summary>
    public const string MongoDriverActivitySource = "MongoDB.Driver";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Defaults unless the HttpResilience section says otherwise (the strategy lab shortens them).
            var resilience = builder.Configuration.GetSection("HttpResilience");
            http.AddStandardResilienceHandler(options => resilience.Bind(options));
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
        {
            // Aspire names each service; outside it, name it after the application rather than "unknown_service".
            telemetry.ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName));
        }

        telemetry
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter($"{TelemetryPrefix}.*")
                // MassTransit's own meter (InstrumentationOptions.MeterName): receive, consume, publish and send
                // counts, errors and durations per endpoint and message type, so nothing here re-counts them.
                .AddMeter(MassTransitMeter)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource($"{TelemetryPrefix}.*")
                .AddSource("MassTransit")
                // SQL Server commands as client spans (the Aspire profile's Product and Order stores).
                .AddSqlClientInstrumentation()
                // MongoDB.Driver 3.x has its own ActivitySource (MongoDB.Driver.MongoTelemetry.ActivitySourceName):
                // listening to it is all the Catalog's MongoDB store needs. SQLite has no instrumentation.
                .AddSource(MongoDriverActivitySource)
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath)
                        && !context.Request.Path.StartsWithSegments(MetricsEndpointPath))
                .AddHttpClientInstrumentation()
                // Before any exporter: no span keeps a customer's id in a URL (see PersonalDataRedaction).
                .AddProcessor(new PersonalDataRedaction()));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Maps /health (every check: the store, the bus; see <see cref="HealthResponse"/>) and /alive (only
    /// the "live" checks: the process answers), open to anyone since to anyone they answer only Healthy,
    /// Degraded or Unhealthy, and /metrics (Prometheus text format), which <paramref name="protectMetrics"/>
    /// may put behind a policy.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, Action<IEndpointConventionBuilder>? protectMetrics = null)
    {
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
        }).AllowAnonymous();
        var metrics = app.MapPrometheusScrapingEndpoint(MetricsEndpointPath);
        protectMetrics?.Invoke(metrics);
        return app;
    }
}
