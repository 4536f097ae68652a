using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.UnitTests.Security;

/// <summary>The signing keys of <c>Authentication:Schemes:Bearer</c> are read once, not once per token validated.</summary>
public sealed class SigningKeyTests
{
    [Fact]
    public async Task The_configured_keys_are_read_once_and_still_validate_a_token()
    {
        var issuer = LocalTokenIssuer.WithNewKey();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(issuer.ServiceSettings());
        builder.AddServiceSecurity();
        await using var app = builder.Build();

        var parameters = app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;

        // The same key objects every time the validator walks them: a lazy sequence over the
        // configuration would build new ones on each walk.
        var first = Assert.Single(parameters.IssuerSigningKeys);
        Assert.Same(first, Assert.Single(parameters.IssuerSigningKeys));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(issuer.Mint("someone", [Scopes.OrdersRead], name: "Someone"), parameters);
        Assert.True(result.IsValid, result.Exception?.Message);
    }
}
