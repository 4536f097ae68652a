using System.Text.Json;
using System.Text.Json.Serialization;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>Turns contract events into outbox payloads and back.</summary>
public static class IntegrationEventSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string TypeName(Type messageType) => messageType.FullName!;

    public static string Serialize(object message) => JsonSerializer.Serialize(message, message.GetType(), Options);

    /// <summary>Resolves a stored type name against the Contracts assembly only: no arbitrary type loading.</summary>
    public static Type ResolveType(string typeName) =>
        typeof(IProductEvent).Assembly.GetType(typeName, throwOnError: false)
        ?? throw new InvalidOperationException($"Outbox message type '{typeName}' is not a contract in {typeof(IProductEvent).Assembly.GetName().Name}.");

    public static object Deserialize(string payload, Type messageType) =>
        JsonSerializer.Deserialize(payload, messageType, Options)
        ?? throw new InvalidOperationException($"Outbox payload for {messageType.Name} is empty.");
}
