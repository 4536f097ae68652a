using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.IntegrationTests.Infrastructure;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// Every endpoint of every service, read from its endpoint data source, against the access it must
/// have. An endpoint missing from <see cref="Expected"/> fails the test, so nothing new is mapped
/// without a decision about who may call it.
/// </summary>
public sealed class TrustBoundaryTests(TrustBoundarySystem fixture, ITestOutputHelper output) : IClassFixture<TrustBoundarySystem>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Who may call: nobody needs a token, any token, or a token with one of these scopes (or a customer's own).</summary>
    public sealed record Access(string Description, IReadOnlyList<string>? Scopes, bool Anonymous = false, bool Customers = false)
    {
        public static readonly Access Public = new("anonymous", null, Anonymous: true);
        public static readonly Access AnyCaller = new("authenticated", null);

        public static Access Scope(params string[] scopes) => new(string.Join(" | ", scopes), scopes);

        public static Access ScopeOrCustomer(string scope) => new($"{scope} | customer's own", [scope], Customers: true);
    }

    private static readonly Dictionary<string, Access> Common = new()
    {
        ["GET /health"] = Access.Public,
        ["GET /alive"] = Access.Public,
        ["GET /metrics"] = Access.Scope(Scopes.Admin),
        ["GET /openapi/{documentName}.json"] = Access.Scope(Scopes.Admin),
        ["GET /messaging/error-queues"] = Access.Scope(Scopes.Admin),
        ["POST /messaging/error-queues/{queue}/redrive"] = Access.Scope(Scopes.Admin),
    };

    public static readonly Dictionary<string, Dictionary<string, Access>> Expected = new()
    {
        ["product"] = new(Common)
        {
            ["GET /products"] = Access.Public,
            ["GET /products/{id:guid}"] = Access.Public,
            ["POST /products"] = Access.Scope(Scopes.ProductsWrite),
            ["PUT /products/{id:guid}"] = Access.Scope(Scopes.ProductsWrite),
            ["POST /products/{id:guid}/decommission"] = Access.Scope(Scopes.ProductsDecommission),
            ["POST /products/{id:guid}/restore"] = Access.Scope(Scopes.ProductsDecommission),
            ["DELETE /products/{id:guid}"] = Access.Scope(Scopes.ProductsDecommission),
            ["POST /products/{id:guid}/purge"] = Access.Scope([.. Scopes.AnyProductScope]),
            ["PUT /products/{id:guid}/legal-hold"] = Access.Scope(Scopes.ProductsLegalHold),
            ["DELETE /products/{id:guid}/legal-hold"] = Access.Scope(Scopes.ProductsLegalHold),
            ["GET /products/{id:guid}/deletion"] = Access.AnyCaller,
            ["GET /deletions"] = Access.AnyCaller,
            ["GET /audit"] = Access.Scope(Scopes.Admin),
        },
        ["catalog"] = new(Common)
        {
            ["GET /catalog/items"] = Access.Public,
            ["POST /catalog/items"] = Access.Scope(Scopes.CatalogWrite),
            ["POST /catalog/products/{id:guid}/release"] = Access.Scope(Scopes.Service),
            ["GET /product-replicas/{id:guid}"] = Access.AnyCaller,
        },
        ["order"] = new(Common)
        {
            ["POST /orders"] = Access.ScopeOrCustomer(Scopes.OrdersWrite),
            ["GET /orders"] = Access.ScopeOrCustomer(Scopes.OrdersRead),
            ["GET /orders/{id:guid}"] = Access.ScopeOrCustomer(Scopes.OrdersRead),
            ["POST /orders/{id:guid}/fulfill"] = Access.Scope(Scopes.OrdersWrite),
            ["POST /orders/{id:guid}/cancel"] = Access.Scope(Scopes.OrdersWrite),
            ["GET /orders/open-count"] = Access.AnyCaller,
            ["POST /orders/products/{id:guid}/release"] = Access.Scope(Scopes.Service),
            ["GET /product-replicas/{id:guid}"] = Access.AnyCaller,
            ["GET /audit"] = Access.Scope(Scopes.Admin),
        },
    };

    [Fact]
    public void Every_endpoint_has_a_decided_access_and_none_is_left_out()
    {
        foreach (var service in fixture.System.Services)
        {
            var mapped = Endpoints(service).Select(e => e.Key).ToHashSet();
            var expected = Expected[service.Name].Keys.ToHashSet();

            Assert.True(mapped.SetEquals(expected),
                $"{service.Name}: mapped but not decided: [{string.Join(", ", mapped.Except(expected))}]; decided but not mapped: [{string.Join(", ", expected.Except(mapped))}]");
        }

        output.WriteLine(PolicyTable());
    }

    [Fact]
    public async Task Without_a_token_only_public_reads_answer_and_everything_else_is_401_problem_details()
    {
        foreach (var (service, key, access) in AllEndpoints())
        {
            using var response = await SendAsync(service, key, token: null);
            if (access.Anonymous)
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{service.Name} {key}: {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{service.Name} {key} without a token: {(int)response.StatusCode}, expected 401");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task A_token_without_the_scope_gets_403_naming_it_and_the_right_scope_passes()
    {
        foreach (var (service, key, access) in AllEndpoints().Where(e => e.Access.Scopes is not null))
        {
            var wrong = Scopes.Staff.First(s => !access.Scopes!.Contains(s) && s != Scopes.Admin);
            using var refused = await SendAsync(service, key, Mint($"probe-wrong-{wrong}", wrong));
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{service.Name} {key} with only {wrong}: {(int)refused.StatusCode}, expected 403");
            var problem = await refused.Content.ReadAsStringAsync(Cancel);
            Assert.Contains(access.Scopes![0], problem);

            foreach (var scope in access.Scopes!)
            {
                using var allowed = await SendAsync(service, key, Mint($"probe-{scope}", scope));
                Assert.True(allowed.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"{service.Name} {key} with {scope}: {(int)allowed.StatusCode}");
                Assert.NotEqual(HttpStatusCode.InternalServerError, allowed.StatusCode);
            }
        }
    }

    [Fact]
    public async Task Any_token_reaches_the_endpoints_for_authenticated_callers()
    {
        foreach (var (service, key, _) in AllEndpoints().Where(e => e.Access == Access.AnyCaller))
        {
            using var response = await SendAsync(service, key, Mint("probe-any", Scopes.CatalogWrite));
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{service.Name} {key}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_token_from_another_key_or_expired_is_refused_with_401()
    {
        var stranger = LocalTokenIssuer.WithNewKey().Mint("stranger", Scopes.Staff);
        var expired = fixture.System.Tokens.Mint("late", Scopes.Staff, lifetime: TimeSpan.FromMinutes(-10));

        foreach (var token in new[] { stranger, expired, "not-a-token" })
        {
            using var response = await SendAsync(fixture.System.Product, "POST /products", token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_token_from_eng_token_sh_is_accepted_with_exactly_its_scopes()
    {
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, fixture.System.Tokens.Base64Key, Cancel);
        try
        {
            var token = await TokenShAsync(keyFile, "--sub", "u-17", "--name", "Dana", "products:write");

            using var allowed = await SendAsync(fixture.System.Product, "POST /products", token);
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode); // past authorization, to validation of the empty body
            using var refused = await SendAsync(fixture.System.Product, "POST /products/{id:guid}/decommission", token);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

            var customer = await TokenShAsync(keyFile, "--customer", "c-9");
            using var own = await fixture.System.Order.CreateClient(customer).GetAsync("/orders?customerId=c-9", Cancel);
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            using var other = await fixture.System.Order.CreateClient(customer).GetAsync("/orders?customerId=c-10", Cancel);
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    private static async Task<string> TokenShAsync(string keyFile, params string[] args)
    {
        var script = Path.Combine(Repository.Root, "eng", "token.sh");
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PCO_SIGNING_KEY_FILE"] = keyFile;
        using var process = System.Diagnostics.Process.Start(start)!;
        var token = await process.StandardOutput.ReadToEndAsync(Cancel);
        var error = await process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0, $"eng/token.sh failed: {error}");
        return token.Trim();
    }

    [Fact]
    public async Task Each_api_document_declares_the_bearer_scheme_and_the_scopes_and_answers_of_every_operation()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pco-openapi");
        Directory.CreateDirectory(folder);
        foreach (var service in fixture.System.Services)
        {
            using var client = service.CreateClient(Mint("probe-admin", Scopes.Admin));
            var json = await client.GetStringAsync("/openapi/v1.json", Cancel);
            await File.WriteAllTextAsync(Path.Combine(folder, $"{service.Name}.json"), json, Cancel); // for `redocly lint`
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var root = document.RootElement;

            Assert.Equal("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
            foreach (var path in root.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject())
                {
                    var key = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                    var access = Expected[service.Name].Single(e => e.Key.Replace("{id:guid}", "{id}") == key).Value;
                    var responses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
                    var security = operation.Value.GetProperty("security").EnumerateArray().Single();
                    if (access.Anonymous)
                    {
                        Assert.Empty(security.EnumerateObject());
                        continue;
                    }

                    Assert.Contains("401", responses);
                    var scopes = security.GetProperty("Bearer").EnumerateArray().Select(s => s.GetString()!).ToList();
                    Assert.Equal(access.Scopes ?? [], (IReadOnlyList<string>)scopes);
                    if (access.Scopes is not null)
                    {
                        Assert.Contains("403", responses);
                    }
                }
            }
        }
    }

    private string Mint(string subject, params string[] scopes) => fixture.System.Tokens.Mint(subject, scopes);

    private IEnumerable<(ServiceHost Service, string Key, Access Access)> AllEndpoints() =>
        fixture.System.Services.SelectMany(s => Expected[s.Name].Select(e => (s, e.Key, e.Value)));

    private static async Task<HttpResponseMessage> SendAsync(ServiceHost service, string key, string? token)
    {
        var (method, route) = (key[..key.IndexOf(' ')], key[(key.IndexOf(' ') + 1)..]);
        var path = route.Replace("{id:guid}", Guid.NewGuid().ToString()).Replace("{documentName}", "v1");
        using var client = service.CreateClient(token);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request, Cancel);
    }

    /// <summary>"METHOD /route" for every endpoint the service maps, from its endpoint data source.</summary>
    private static Dictionary<string, Endpoint> Endpoints(ServiceHost service) => service.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Key: $"{m} {Route(e)}", Endpoint: e)))
        .GroupBy(e => e.Key)
        .ToDictionary(g => g.Key, g => (Endpoint)g.First().Endpoint);

    private static string Route(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText!.TrimEnd('/') is { Length: > 0 } route ? route : "/";

    /// <summary>The table README and the API documents describe, generated from each endpoint's own metadata.</summary>
    private string PolicyTable()
    {
        var table = new StringBuilder("| service | endpoint | policy | rate limit |\n|---|---|---|---|\n");
        foreach (var service in fixture.System.Services)
        {
            foreach (var (key, endpoint) in Endpoints(service).OrderBy(e => e.Key[(e.Key.IndexOf(' ') + 1)..]).ThenBy(e => e.Key))
            {
                var policy = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                    ? "anonymous"
                    : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>() is { Count: > 0 } authorize
                        ? string.Join(", ", authorize.Select(a => a.Policy ?? "authenticated"))
                        : "authenticated (fallback)";
                var limit = endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "";
                table.Append($"| {service.Name} | `{key}` | {policy} | {limit} |\n");
            }
        }

        return table.ToString();
    }
}
