using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.BuildingBlocks.Security;

/// <summary>
/// Refuses a body over <c>Security:MaxRequestBodyBytes</c> with 413 before a byte of it is parsed: at
/// once when Content-Length says so, and for a chunked body by capping what the server will read.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, IOptionsMonitor<SecurityOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.CurrentValue.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"A request body has at most {limit} bytes; this one has {context.Request.ContentLength}.",
                },
            });
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } cap)
        {
            cap.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
