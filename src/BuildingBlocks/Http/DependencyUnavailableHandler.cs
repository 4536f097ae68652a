using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using ProductCatalogOrders.BuildingBlocks.Strategies;

namespace ProductCatalogOrders.BuildingBlocks.Http;

/// <summary>A request that depends on ProductService, which did not answer, gets 503 problem details: the cost of a synchronous strategy.</summary>
public sealed class DependencyUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ProductServiceUnavailableException unavailable)
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Title = "ProductService unavailable", Detail = unavailable.Message, Status = StatusCodes.Status503ServiceUnavailable },
        });
    }
}
