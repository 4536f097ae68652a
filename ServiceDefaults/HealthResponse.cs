using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What /health answers: the overall state for everyone (<c>Healthy</c>, <c>Degraded</c>, <c>Unhealthy</c>;
/// 200, 200, 503), and, in Development or for a caller who passes <see cref="HealthResponseOptions.DetailsPolicy"/>,
/// each check by name with its state and what it found, so an operator sees what is wrong.
/// </summary>
public static class HealthResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (!await DetailsAllowedAsync(context))
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(report.Status.ToString());
            return;
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description ?? entry.Value.Exception?.Message,
                durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
            }),
        }, Json, context.RequestAborted);
    }

    private static async Task<bool> DetailsAllowedAsync(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            return true;
        }

        var policy = context.RequestServices.GetService<IOptions<HealthResponseOptions>>()?.Value.DetailsPolicy;
        return policy is not null && context.RequestServices.GetService<IAuthorizationService>() is { } authorization
            && (await authorization.AuthorizeAsync(context.User, policy)).Succeeded;
    }
}

/// <summary>Who may see /health's checks one by one outside Development.</summary>
public sealed class HealthResponseOptions
{
    /// <summary>An authorization policy name; null: nobody outside Development.</summary>
    public string? DetailsPolicy { get; set; }
}
