using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ProductCatalogOrders.BuildingBlocks.Http;

/// <summary>RFC 9457 problem details for the errors every service answers with.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string title, string? detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict, extensions: extensions);

    /// <summary>The token is valid but lacks what this particular request needs; the same shape as the policies' 403.</summary>
    public static ProblemHttpResult Forbidden(string missingScope, string what) =>
        TypedResults.Problem(
            title: "Scope missing",
            detail: $"{what} needs the scope {missingScope}, which the token does not carry.",
            statusCode: StatusCodes.Status403Forbidden,
            extensions: new Dictionary<string, object?> { ["missingScopes"] = new[] { missingScope } });

    /// <summary>A dependency the request needs did not answer.</summary>
    public static ProblemHttpResult ServiceUnavailable(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>Well-formed input that the current state forbids, such as an order for a decommissioned product.</summary>
    public static ProblemHttpResult Unprocessable(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity, extensions: extensions);
}
