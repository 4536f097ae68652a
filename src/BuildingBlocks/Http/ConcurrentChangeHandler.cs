using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ProductCatalogOrders.BuildingBlocks.Http;

/// <summary>
/// A change that kept losing the race to concurrent changes of the same resource, after its bounded
/// retries, is the caller's to repeat: 409 problem details with <c>Retry-After</c>, never a 500.
/// </summary>
public sealed partial class ConcurrentChangeHandler(IProblemDetailsService problems, ILogger<ConcurrentChangeHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DbUpdateConcurrencyException)
        {
            return false;
        }

        LogContended(httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Concurrent change",
                Detail = "Other requests changed this resource at the same moment, several times over; nothing was changed by this one. Retry shortly.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} lost the race to concurrent changes after its retries; answered 409")]
    private partial void LogContended(string method, string path);
}
