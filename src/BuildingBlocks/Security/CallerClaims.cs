using System.Security.Claims;

namespace ProductCatalogOrders.BuildingBlocks.Security;

/// <summary>What a token says about its caller: scopes, the customer it represents, who it is for the audit trail.</summary>
public static class CallerClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string CustomerIdClaim = "customer_id";

    public static IEnumerable<string> Scopes(this ClaimsPrincipal user) =>
        user.FindAll(Security.Scopes.ClaimType).Concat(user.FindAll("scp"))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static bool HasScope(this ClaimsPrincipal user, string scope) => user.Scopes().Contains(scope, StringComparer.Ordinal);

    /// <summary>The customer a token represents: it has a <c>customer_id</c> claim and no staff scope. Null for anyone else.</summary>
    public static string? CustomerId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && user.FindFirst(CustomerIdClaim)?.Value is { Length: > 0 } id
        && !user.Scopes().Any(Security.Scopes.Staff.Contains)
            ? id
            : null;

    /// <summary>The actor as the audit trail names it: "subject (name)", or the subject alone.</summary>
    public static string Actor(this ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return "anonymous";
        }

        var subject = user.FindFirst(Subject)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var name = user.FindFirst(Name)?.Value ?? user.Identity.Name;
        return (subject, name) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) when subject != name => $"{subject} ({name})",
            ({ Length: > 0 }, _) => subject,
            (_, { Length: > 0 }) => name,
            _ => "unnamed",
        };
    }
}
