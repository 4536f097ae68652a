using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What /health answers: the overall state for everyone (<c>Healthy</c>, <c>Degraded</c>, <c>Unhealthy</c>;
/// 200, 200, 503), and, in Development or for a caller the <see cref="DetailsAllowed"/> rule admits, each
/// check by name with its state and what it found, so an operator sees what is wrong.
/// </summary>
public static class HealthResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Who may see each check; Development always may. Replaced by services that know their callers.</summary>
    public static Func<HttpContext, Task<bool>> DetailsAllowed { get; set; } = _ => Task.FromResult(false);

    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var development = context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
        if (!development && !await DetailsAllowed(context))
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
}
