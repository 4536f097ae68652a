using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.UnitTests.Security;

/// <summary>The client-credentials flow a service uses against a real identity provider's token endpoint.</summary>
public sealed class ServiceTokenSourceTests
{
    private const string Endpoint = "https://idp.example/oauth2/token";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Client_credentials_are_posted_to_the_token_endpoint_and_the_token_is_reused_until_it_nears_expiry()
    {
        var idp = new TokenEndpoint(HttpStatusCode.OK, """{"access_token":"tok-1","token_type":"Bearer","expires_in":3600}""");
        var source = Source(idp);

        var first = await source.GetAsync(Cancel);
        var second = await source.GetAsync(Cancel);

        Assert.Equal(("tok-1", "tok-1"), (first, second));
        var request = Assert.Single(idp.Requests);
        Assert.Equal(Endpoint, request.Uri);
        Assert.Equal("grant_type=client_credentials&client_id=productservice&client_secret=s3cret&scope=service", request.Form);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":"invalid_client"}""", "refused the client credentials of 'productservice' (401")]
    [InlineData(HttpStatusCode.OK, "<html>login</html>", "did not answer with a token")]
    [InlineData(HttpStatusCode.OK, """{"token_type":"Bearer"}""", "answered without an access_token")]
    public async Task A_refusing_or_broken_token_endpoint_is_a_clear_error_that_names_the_setting(HttpStatusCode status, string body, string expected)
    {
        var source = Source(new TokenEndpoint(status, body));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => source.GetAsync(Cancel));

        Assert.Contains(ServiceTokenSource.ClientSection, error.Message);
        Assert.Contains(expected, error.Message);
    }

    private static ServiceTokenSource Source(TokenEndpoint idp)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ServiceTokenSource.ClientSection}:TokenEndpoint"] = Endpoint,
            [$"{ServiceTokenSource.ClientSection}:ClientId"] = "productservice",
            [$"{ServiceTokenSource.ClientSection}:ClientSecret"] = "s3cret",
        }).Build();
        var environment = new HostingEnvironment { ApplicationName = "ProductService", EnvironmentName = Environments.Production };
        return new ServiceTokenSource(configuration, environment, new Clients(idp));
    }

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    /// <summary>Stands in for the identity provider: records each request and answers with a fixed response.</summary>
    private sealed class TokenEndpoint(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<(string Uri, string Form)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!.ToString(), await request.Content!.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
