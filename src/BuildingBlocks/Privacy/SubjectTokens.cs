using System.Security.Cryptography;
using System.Text;

namespace ProductCatalogOrders.BuildingBlocks.Privacy;

/// <summary>
/// Keyed, irreversible tokens for subject ids: HMAC-SHA256 under <c>Privacy:SubjectTokenKey</c>. Logs
/// carry a customer only as its token, and an anonymised order keeps the token instead of the id. A
/// plain hash of an id could be reversed by hashing every likely id; without the key it cannot.
/// </summary>
public sealed class SubjectTokens(byte[] key)
{
    public const string Setting = "Privacy:SubjectTokenKey";

    /// <summary>The token's prefix, so a reader of a log or a row can tell a token from an id.</summary>
    public const string Prefix = "sub_";

    /// <summary>A stable token for the subject; the same under the same key, on every service.</summary>
    public string Of(string subjectType, string subjectId)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{subjectType}\n{subjectId}"));
        return Prefix + Convert.ToHexStringLower(mac, 0, 16);
    }

    /// <summary>A customer's token.</summary>
    public string Customer(string customerId) => Of(PrivacySetup.Customer, customerId);
}
