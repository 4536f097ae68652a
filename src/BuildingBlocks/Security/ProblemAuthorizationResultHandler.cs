using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace ProductCatalogOrders.BuildingBlocks.Security;

/// <summary>401 and 403 as problem details; a 403 names the scope the caller lacks.</summary>
public sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync();
            await WriteAsync(context, StatusCodes.Status401Unauthorized, "Authentication required",
                "Send a bearer token (Authorization: Bearer <token>); eng/token.sh mints one for the local profile.");
            return;
        }

        if (authorizeResult.Forbidden)
        {
            await context.ForbidAsync();
            var missing = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().Select(r => r.Describe()).ToList() ?? [];
            var detail = missing.Count > 0
                ? $"This operation needs the scope {string.Join(" and ", missing)}, which the token does not carry."
                : "The token does not allow this operation.";
            await WriteAsync(context, StatusCodes.Status403Forbidden, "Scope missing", detail,
                missing.Count > 0 ? new Dictionary<string, object?> { ["missingScopes"] = missing } : null);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private async Task WriteAsync(HttpContext context, int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
