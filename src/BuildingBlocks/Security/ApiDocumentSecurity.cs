using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace ProductCatalogOrders.BuildingBlocks.Security;

/// <summary>
/// What the trust boundary means for each operation, in the OpenAPI document: the bearer scheme, the
/// scopes an operation needs (from its own authorization metadata), and the answers the boundary
/// adds: 401, 403, 413 for bodies, 429 for rate-limited operations.
/// </summary>
public static class ApiDocumentSecurity
{
    public const string SchemeName = "Bearer";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Products"] = "The products, the source of truth: reads are open to anyone, writes need products:write.",
        ["Deletion lifecycle"] = "Decommission, restore, purge behind the deletion checks, legal holds, and where each deletion stands.",
        ["Audit"] = "The durable audit trail, for admin.",
        ["Catalog"] = "Catalog items of Active products: reads are open to anyone, writes need catalog:write.",
        ["Orders"] = "Orders hold personal data: staff need orders:read or orders:write; a customer's token reaches only its own.",
        ["Messaging"] = "Poison messages in this service's error queues: count them and re-drive them once the cause is fixed, for admin.",
        ["Product replicas"] = "This service's own copy of each product, for verification and operations.",
    };

    public static OpenApiOptions AddTrustBoundary(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            // The server address comes from the request; a trailing slash would double every path's.
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            {
                tag.Description ??= TagDescriptions.TryGetValue(tag.Name ?? "", out var description) ? description : tag.Name;
            }

            document.Info.License ??= new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/licenses/MIT") };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT whose space-separated `scope` claim carries the scopes each operation lists; locally, `eng/token.sh SCOPE...` mints one.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            operation.Responses ??= new OpenApiResponses();
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement()];
            }
            else
            {
                var scopes = metadata.OfType<IAuthorizeData>().SelectMany(a => ScopesOf(a.Policy)).Distinct().ToList();
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = scopes },
                ];
                Add(operation, "401", "No valid bearer token.");
                if (scopes.Count > 0)
                {
                    Add(operation, "403", $"The token lacks the scope ({string.Join(" or ", scopes)}); the problem names it.");
                    operation.Description = $"Scope: {string.Join(" or ", scopes.Select(s => $"`{s}`"))}. {operation.Description}".Trim();
                }
            }

            if (operation.RequestBody is not null)
            {
                Add(operation, "400", "Malformed or invalid input: problem details naming each field.");
                Add(operation, "413", "The body is larger than Security:MaxRequestBodyBytes (64 KiB by default).");
            }

            else if (!operation.Responses.Keys.Any(status => status.StartsWith('4')))
            {
                // The body limit is checked before routing, for every method: even a GET with a body answers 413.
                Add(operation, "413", "A request body larger than Security:MaxRequestBodyBytes is refused before it is read.");
            }

            if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                var tooMany = Add(operation, "429", "This caller's limit on destructive operations is used up; retry after the Retry-After seconds.");
                tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>();
                tooMany.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds until the caller may try again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                };
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static IEnumerable<string> ScopesOf(string? policy) => policy switch
    {
        null or "" => [],
        Policies.AnyProductScope => Scopes.AnyProductScope,
        Policies.ReadOrders => [Scopes.OrdersRead],
        Policies.PlaceOrders => [Scopes.OrdersWrite],
        Policies.Operational => [Scopes.Admin],
        _ => [policy],
    };

    private static OpenApiResponse Add(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.TryGetValue(status, out var existing) && existing is OpenApiResponse response)
        {
            return response;
        }

        var added = new OpenApiResponse { Description = description };
        operation.Responses[status] = added;
        return added;
    }
}
