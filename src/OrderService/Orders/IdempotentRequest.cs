using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;

namespace ProductCatalogOrders.OrderService.Orders;

/// <summary>
/// A placed order remembered by the caller's <c>Idempotency-Key</c>, so a retry of the same request
/// returns the first order instead of placing a second one. Written in the order's own transaction.
/// </summary>
public sealed class IdempotentRequest
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>Who sent it: keys are scoped to the caller, so two callers never see each other's orders.</summary>
    public required string Caller { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of the request as bound, so the same key with a different body is told apart.</summary>
    public required string RequestHash { get; set; }

    public Guid OrderId { get; set; }

    /// <summary>Unix milliseconds after which the key is forgotten (and may be pruned).</summary>
    public long ExpiresAt { get; set; }

    public static string CallerOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? user.Identity?.Name ?? "anonymous";

    public static string HashOf(PlaceOrderRequest request) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));

    /// <summary>Null for a key a client may send: printable ASCII, 1 to 200 characters.</summary>
    public static string? Invalid(string key) =>
        key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~')
            ? $"The {Header} header is 1 to {MaxKeyLength} printable ASCII characters without spaces; a UUID is a good choice."
            : null;
}
