using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.InProcessHosting;

public sealed record LocalSystemOptions
{
    /// <summary>The broker every service connects to (an amqp:// URI).</summary>
    public required Uri Broker { get; init; }

    /// <summary>
    /// A broker URI per service name ("product", "catalog", "order"), in place of <see cref="Broker"/>:
    /// each service connecting as its own broker user, as <c>eng/run.sh</c> runs them.
    /// </summary>
    public IReadOnlyDictionary<string, Uri>? ServiceBrokers { get; init; }

    /// <summary>Where each service's SQLite file goes; a fresh folder gives fresh databases.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Prefixes every exchange and queue, so this system shares a virtual host with no other.</summary>
    public string EntityPrefix { get; init; } = $"sys-{Guid.NewGuid():N}"[..12] + "-";

    /// <summary>Settings applied to every service, such as <c>Outbox:PollInterval</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>
    /// The signing key every service accepts tokens from; by default a fresh one for this system.
    /// Mint the clients' tokens with <see cref="LocalSystem.Tokens"/>.
    /// </summary>
    public LocalTokenIssuer? Tokens { get; init; }

    /// <summary>The hosting environment: Development opens /metrics and /openapi without a token.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>Replaces registrations in one service by name ("product", "catalog", "order"), for example its clock.</summary>
    public Action<string, IServiceCollection>? OverrideServices { get; init; }
}
