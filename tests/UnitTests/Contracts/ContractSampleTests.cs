using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.UnitTests.Contracts;

/// <summary>
/// Every contract, as MassTransit writes it on the bus, against its checked-in sample in
/// <c>ContractSamples/</c>. A renamed, reordered or retyped field or enum value changes the JSON and
/// fails here, before any consumer reads it wrong. Only the envelope's <c>messageType</c> (MassTransit
/// routes by it) and <c>message</c> are kept; ids, times and host are different on every send.
/// To change a contract deliberately (by adding a field), regenerate the samples and review the diff:
/// <c>UPDATE_CONTRACT_SAMPLES=1 dotnet test tests/UnitTests --filter ContractSampleTests</c>.
/// </summary>
public sealed class ContractSampleTests
{
    private const string UpdateVariable = "UPDATE_CONTRACT_SAMPLES";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> ContractNames => [.. ContractSamples.All.Select(s => s.GetType().Name)];

    [Theory]
    [MemberData(nameof(ContractNames))]
    public async Task Contract_matches_its_checked_in_sample(string contract)
    {
        var sample = ContractSamples.All.Single(s => s.GetType().Name == contract);
        var actual = await WireFormAsync(sample);
        var path = Path.Combine(SamplesFolder(), contract + ".json");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, actual, Cancel);
            return;
        }

        Assert.True(File.Exists(path), $"No checked-in sample for {contract} at {path}. Create it with {UpdateVariable}=1 and check it in.");
        var expected = (await File.ReadAllTextAsync(path, Cancel)).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail(
                $"The wire form of {contract} no longer matches {Path.GetFileName(path)}:\n{LineDiff.Describe(expected, actual)}\n" +
                "Contracts evolve by adding fields only; renaming, reordering or renumbering breaks consumers that are already deployed. " +
                $"If this change is deliberate and additive, regenerate with `{UpdateVariable}=1 dotnet test tests/UnitTests --filter ContractSampleTests` and review the diff.");
        }
    }

    [Fact]
    public void Every_contract_has_a_sample_and_every_sample_a_contract()
    {
        var contracts = typeof(IProductEvent).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t != typeof(ProductState))
            .Select(t => t.Name)
            .Order()
            .ToList();
        Assert.Equal(contracts, ContractSamples.All.Select(s => s.GetType().Name).Order());
        if (Environment.GetEnvironmentVariable(UpdateVariable) != "1")
        {
            Assert.Equal(contracts, Directory.GetFiles(SamplesFolder(), "*.json").Select(Path.GetFileNameWithoutExtension).Order());
        }
    }

    [Fact]
    public async Task Enums_travel_as_their_names()
    {
        var wire = await WireFormAsync(ContractSamples.All.OfType<ProductDecommissioned>().Single());

        Assert.Contains("\"status\": \"Decommissioning\"", wire);
    }

    [Fact]
    public void A_status_written_as_a_number_before_the_rule_is_still_read()
    {
        var options = ContractSerialization.WithStringEnums(new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var state = JsonSerializer.Deserialize<ProductState>("""{"sku":"APL-1","name":"Apple","price":1.5,"status":1}""", options);

        Assert.Equal(ProductStatus.Decommissioning, state!.Status);
    }

    /// <summary>The body an in-memory bus, configured like every service's bus, writes for the message.</summary>
    private static Task<string> WireFormAsync(object message) =>
        (Task<string>)typeof(ContractSampleTests)
            .GetMethod(nameof(WireFormOfAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(message.GetType())
            .Invoke(null, [message])!;

    private static async Task<string> WireFormOfAsync<T>(T message)
        where T : class
    {
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus => bus.UsingInMemory((context, memory) =>
            {
                memory.UseContractSerialization();
                memory.ConfigureEndpoints(context);
            }))
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        try
        {
            await harness.Bus.Publish(message, Cancel);
            var published = await harness.Published.SelectAsync<T>(Cancel).First();
            var body = published.Context.Serializer.GetMessageBody(published.Context);
            return Sample(body.GetString());
        }
        finally
        {
            await harness.Stop(Cancel);
        }
    }

    /// <summary>The stable part of an envelope, indented, with \n line endings.</summary>
    private static string Sample(string envelope)
    {
        var json = JsonNode.Parse(envelope)!.AsObject();
        var stable = new JsonObject
        {
            ["messageType"] = json["messageType"]!.DeepClone(),
            ["message"] = json["message"]!.DeepClone(),
        };
        return stable.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static string SamplesFolder([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "ContractSamples");
}
