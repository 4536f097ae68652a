using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProductCatalogOrders.BuildingBlocks.Strategies;

namespace ProductCatalogOrders.BuildingBlocks.Http;

/// <summary>
/// A request that depends on ProductService, which did not answer, gets 503 problem details: the
/// cost of a synchronous strategy. It is an expected condition, so it is logged as one warning line,
/// not as an unhandled exception.
/// </summary>
public sealed class DependencyUnavailableFilter(ILogger<DependencyUnavailableFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ProductServiceUnavailableException unavailable)
        {
            logger.LogWarning("{Method} {Path} answered 503: {Reason}", context.HttpContext.Request.Method, context.HttpContext.Request.Path, unavailable.Message);
            return Problems.ServiceUnavailable("ProductService unavailable", unavailable.Message);
        }
    }
}
