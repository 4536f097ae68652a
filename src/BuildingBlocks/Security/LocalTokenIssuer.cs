using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProductCatalogOrders.BuildingBlocks.Security;

/// <summary>
/// Mints HS256 tokens with the local profile's shared signing key, exactly as the services validate
/// them (<c>Authentication:Schemes:Bearer</c>: ValidIssuer, ValidAudiences, SigningKeys). Used by a
/// service for its own calls to the others (scope <c>service</c>), by the tests, the lab and the
/// benchmark for their clients, and mirrored by <c>eng/token.sh</c> for people.
/// </summary>
public sealed class LocalTokenIssuer(string issuer, string audience, string base64Key)
{
    public const string DefaultIssuer = "pco-local";
    public const string DefaultAudience = "product-catalog-orders";
    public const string Section = "Authentication:Schemes:Bearer";

    private readonly SymmetricSecurityKey _key = new(Convert.FromBase64String(base64Key));

    public string Issuer { get; } = issuer;

    public string Audience { get; } = audience;

    public string Base64Key { get; } = base64Key;

    /// <summary>A fresh 256-bit key, base64, for a system that makes its own.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>An issuer with a fresh key and the default issuer and audience.</summary>
    public static LocalTokenIssuer WithNewKey() => new(DefaultIssuer, DefaultAudience, NewKey());

    /// <summary>The settings that make a service accept this issuer's tokens (flat keys, as configuration and command lines take them).</summary>
    public IReadOnlyDictionary<string, string?> ServiceSettings() => new Dictionary<string, string?>
    {
        [$"{Section}:ValidIssuer"] = Issuer,
        [$"{Section}:ValidAudiences:0"] = Audience,
        [$"{Section}:SigningKeys:0:Issuer"] = Issuer,
        [$"{Section}:SigningKeys:0:Value"] = Base64Key,
    };

    /// <summary>The issuer a service's configuration describes, or null when it has no local signing key (an OIDC authority, say).</summary>
    public static LocalTokenIssuer? FromConfiguration(IConfiguration configuration)
    {
        var bearer = configuration.GetSection(Section);
        var key = bearer["SigningKeys:0:Value"];
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var issuer = bearer["ValidIssuer"] ?? bearer["SigningKeys:0:Issuer"] ?? DefaultIssuer;
        var audience = bearer["ValidAudiences:0"] ?? bearer["ValidAudience"] ?? DefaultAudience;
        return new LocalTokenIssuer(issuer, audience, key);
    }

    /// <param name="subject">The <c>sub</c> claim: who acts, as the audit trail and the rate limiter see it.</param>
    /// <param name="scopes">Space-separated into the <c>scope</c> claim.</param>
    /// <param name="name">The <c>name</c> claim, for people.</param>
    /// <param name="customerId">A <c>customer_id</c> claim: with no staff scope, the token is that customer's.</param>
    public string Mint(string subject, IEnumerable<string> scopes, string? name = null, string? customerId = null, TimeSpan? lifetime = null)
    {
        var claims = new List<Claim> { new(CallerClaims.Subject, subject) };
        var scope = string.Join(' ', scopes);
        if (scope.Length > 0)
        {
            claims.Add(new Claim(Scopes.ClaimType, scope));
        }

        if (name is not null)
        {
            claims.Add(new Claim(CallerClaims.Name, name));
        }

        if (customerId is not null)
        {
            claims.Add(new Claim(CallerClaims.CustomerIdClaim, customerId));
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }
}
