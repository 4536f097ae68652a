using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.BuildingBlocks.Security;

/// <summary>
/// The trust boundary every service shares: JWT bearer tokens (<c>Authentication:Schemes:Bearer</c>,
/// a local signing key or an OIDC <c>Authority</c>), one policy per scope, a fallback policy that
/// requires an authenticated caller, 401/403 problem details, a per-caller rate limit on destructive
/// operations and a body limit checked before anything is parsed.
/// </summary>
public static class SecuritySetup
{
    public static IHostApplicationBuilder AddServiceSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            // Keep the token's own claim names (sub, name, scope, customer_id).
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = CallerClaims.Name;

            // ASP.NET Core reads SigningKeys from configuration into a lazy sequence: every token
            // validated would walk the whole configuration again and build new key objects. Read
            // them once, when the options are built.
            if (options.TokenValidationParameters.IssuerSigningKeys is { } keys and not ICollection<Microsoft.IdentityModel.Tokens.SecurityKey>)
            {
                options.TokenValidationParameters.IssuerSigningKeys = keys.ToList();
            }
        });

        var operationalAnonymous = builder.Configuration.GetValue<bool?>($"{SecurityOptions.Section}:{nameof(SecurityOptions.OperationalEndpointsAnonymous)}")
            ?? builder.Environment.IsDevelopment();
        var authorization = builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var scope in Scopes.Staff)
        {
            authorization.AddPolicy(scope, Require([scope]));
        }

        authorization
            .AddPolicy(Policies.AnyProductScope, Require(Scopes.AnyProductScope))
            .AddPolicy(Policies.ReadOrders, Require([Scopes.OrdersRead], customersAllowed: true))
            .AddPolicy(Policies.PlaceOrders, Require([Scopes.OrdersWrite], customersAllowed: true))
            .AddPolicy(Policies.WriteReviews, Require([Scopes.CatalogWrite], customersAllowed: true))
            .AddPolicy(Policies.Operational, operationalAnonymous
                ? new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build()
                : Require([Scopes.Admin]));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        builder.Services.Configure<HealthResponseOptions>(options => options.DetailsPolicy = Policies.Operational);

        builder.Services.AddHttpClient(nameof(ServiceTokenSource));
        builder.Services.AddSingleton<ServiceTokenSource>();
        builder.Services.AddTransient<ServiceTokenHandler>();

        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policies.DestructiveRateLimit, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptionsMonitor<SecurityOptions>>().CurrentValue.DestructiveRateLimit;
                var subject = context.User.FindFirst(CallerClaims.Subject)?.Value;
                var caller = subject ?? $"address:{context.Connection.RemoteIpAddress}";
                var permits = subject is not null && limits.IsHighVolume(subject) ? limits.HighVolumePermitLimit : limits.PermitLimit;
                return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(permits, 1),
                    Window = limits.Window,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many destructive requests",
                        Detail = $"This caller has used its limit of destructive operations for now; retry after {seconds} s.",
                    },
                });
            };
        });

        return builder;
    }

    /// <summary>Authentication, the body limit, authorization, then the rate limiter (which partitions by the authenticated caller).</summary>
    public static WebApplication UseServiceSecurity(this WebApplication app)
    {
        app.UseMiddleware<RequestBodyLimit>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static AuthorizationPolicy Require(IReadOnlyList<string> anyOf, bool customersAllowed = false) =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new ScopeRequirement(anyOf, customersAllowed))
            .Build();
}
