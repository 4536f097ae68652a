using System.Security.Cryptography;
using ProductCatalogOrders.BuildingBlocks.Privacy;

namespace ProductCatalogOrders.UnitTests.Erasure;

public sealed class SubjectTokensTests
{
    [Fact]
    public void A_token_is_stable_under_one_key_different_under_another_and_does_not_contain_the_id()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var tokens = new SubjectTokens(key);

        var token = tokens.Customer("c-1042");

        Assert.Equal(token, new SubjectTokens(key).Customer("c-1042"));
        Assert.NotEqual(token, new SubjectTokens(RandomNumberGenerator.GetBytes(32)).Customer("c-1042"));
        Assert.NotEqual(token, tokens.Customer("c-1043"));
        Assert.NotEqual(token, tokens.Of("supplier", "c-1042"));
        Assert.StartsWith(SubjectTokens.Prefix, token);
        Assert.DoesNotContain("1042", token);
        Assert.Equal(SubjectTokens.Prefix.Length + 32, token.Length);
    }

    [Fact]
    public void A_token_is_not_a_plain_hash_of_the_id()
    {
        var plain = Convert.ToHexStringLower(SHA256.HashData("customer\nc-1042"u8.ToArray()), 0, 16);

        Assert.NotEqual(SubjectTokens.Prefix + plain, new SubjectTokens(RandomNumberGenerator.GetBytes(32)).Customer("c-1042"));
    }
}
