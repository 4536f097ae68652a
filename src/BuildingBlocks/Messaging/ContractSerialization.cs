using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;

namespace ProductCatalogOrders.BuildingBlocks.Messaging;

/// <summary>
/// How contracts are written on the wire. MassTransit's System.Text.Json serializer writes enums as
/// numbers by default, so reordering an enum would silently change what every consumer reads; here
/// they travel as their names (<c>"status": "Decommissioning"</c>), exactly as in the HTTP API and
/// the outbox. Reading still accepts numbers, so a message written before this rule still decodes.
/// </summary>
public static class ContractSerialization
{
    /// <summary>
    /// Applies the rule to the bus's serializer. MassTransit keeps these options in one process-wide
    /// instance, so this is idempotent: several services in one process configure it once.
    /// </summary>
    public static void UseContractSerialization(this IBusFactoryConfigurator bus) =>
        bus.ConfigureJsonSerializerOptions(WithStringEnums);

    /// <summary>The options with enums as strings: a copy, since options in use can no longer change.</summary>
    public static JsonSerializerOptions WithStringEnums(JsonSerializerOptions options)
    {
        if (options.Converters.Any(c => c is JsonStringEnumConverter))
        {
            return options;
        }

        var copy = new JsonSerializerOptions(options);
        copy.Converters.Add(StringEnums());
        return copy;
    }

    /// <summary>Enum names as declared (no naming policy); numbers are still read, for older messages.</summary>
    public static JsonStringEnumConverter StringEnums() => new(namingPolicy: null, allowIntegerValues: true);
}
