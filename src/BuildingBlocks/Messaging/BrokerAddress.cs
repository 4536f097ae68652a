namespace ProductCatalogOrders.BuildingBlocks.Messaging;

/// <summary>Where the broker is, from <c>ConnectionStrings:messaging</c> (an amqp:// URI).</summary>
public static class BrokerAddress
{
    public const string Setting = "ConnectionStrings:messaging";

    /// <summary>The local profile's broker: the OS package's default listener.</summary>
    public const string LocalDefault = "amqp://guest:guest@127.0.0.1:5672/";

    public static Uri Parse(string? connectionString)
    {
        var value = string.IsNullOrWhiteSpace(connectionString) ? LocalDefault : connectionString.Trim();
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
        {
            throw new StartupFailure($"{Setting}: '{Redact(value)}' is not an amqp:// URI (for example {LocalDefault}).");
        }

        return uri;
    }

    /// <summary>The URI without its password, for messages and logs.</summary>
    public static string Redact(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) ? Redact(uri) : value;

    public static string Redact(Uri uri) =>
        new UriBuilder(uri) { Password = string.IsNullOrEmpty(uri.UserInfo) ? "" : "***" }.Uri.ToString();
}
