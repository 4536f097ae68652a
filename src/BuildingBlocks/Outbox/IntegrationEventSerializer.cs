using System.Text.Json;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>
/// Turns contract events into outbox payloads and back. Enums are strings here as on the bus
/// (<see cref="ContractSerialization"/>), so a stored row means the same after an enum is extended.
/// </summary>
public static class IntegrationEventSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { ContractSerialization.StringEnums() },
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
