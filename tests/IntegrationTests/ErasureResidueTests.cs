using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProductCatalogOrders.ErasureService.Requests;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.IntegrationTests.Infrastructure;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>The four services logging at Information (the shipped levels for the framework's own categories), every entry captured.</summary>
public sealed class ErasureResidueSystem(TestBroker broker) : SystemFixture(broker)
{
    public CapturedLogs Logs { get; } = new();

    protected override LocalSystemOptions Configure(LocalSystemOptions options) => options with
    {
        WithErasure = true,
        MinimumLogLevel = LogLevel.Information,
        Settings = new Dictionary<string, string?>(options.Settings)
            .Concat(ErasureSystem.Settings)
            .Concat(new Dictionary<string, string?>
            {
                // As each service's appsettings.json ships them: no request lines, no outgoing-call lines.
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
            })
            .ToDictionary(),
        OverrideServices = (_, services) => services.AddSingleton<ILoggerProvider>(Logs),
    };
}

/// <summary>
/// After an erasure, no store file of a target (its write-ahead log and free pages included) and no
/// service's log holds the customer's id, name, email, address or review text. The same scan finds
/// them before the erasure, so it can fail.
/// </summary>
public sealed class ErasureResidueTests(ErasureResidueSystem fixture) : IClassFixture<ErasureResidueSystem>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_an_erasure_no_target_store_file_and_no_log_holds_the_customers_data_and_before_it_they_did()
    {
        var api = fixture.Api;
        var erasure = new ErasureApi(fixture.System, api);
        var unique = Guid.NewGuid().ToString("N")[..10];
        var customer = $"c-{unique}";
        var personal = new Dictionary<string, string>
        {
            ["id"] = customer,
            ["name"] = $"Zed Residue{unique}",
            ["email"] = $"zed.{unique}@example.org",
            ["address"] = $"{unique} Quiet Lane",
            ["review"] = $"Lovely pears {unique}",
        };
        var product = await api.CreatePropagatedProductAsync();
        using var placed = await api.Orders.PostAsJsonAsync("/orders", new
        {
            customerId = customer,
            customerName = personal["name"],
            customerEmail = personal["email"],
            shippingAddress = personal["address"],
            lines = new[] { new { productId = product.Id, quantity = 1 } },
        }, Api.Json, Cancel);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = (await placed.Content.ReadFromJsonAsync<OrderService.Orders.OrderResponse>(Api.Json, Cancel))!;
        await erasure.FulfilAsync(order.Id);
        await erasure.AddReviewOkAsync(product.Id, customer, personal["review"]);

        var before = ScanStores(personal);
        Assert.Equal(personal.Keys.Order(), before.Select(f => f.Field).Distinct().Order()); // the scan sees every field

        var request = await erasure.RequestOkAsync(customer);
        await erasure.WaitForStateAsync(request.Id, RequestState.Verified);

        Assert.Empty(ScanStores(personal));
        var logged = fixture.Logs.Entries.Where(entry => personal.Values.Any(value => entry.Contains(value, StringComparison.Ordinal))).ToList();
        Assert.True(logged.Count == 0, $"log entries with the customer's data:\n{string.Join("\n", logged.Take(5))}");
        Assert.Contains(fixture.Logs.Entries, entry => entry.Contains("sub_", StringComparison.Ordinal)); // the customer appears, as a token
    }

    /// <summary>Every (file, field) where a target's store files hold a personal value, byte for byte (SQLite stores text as UTF-8).</summary>
    private List<(string File, string Field)> ScanStores(IReadOnlyDictionary<string, string> personal)
    {
        var found = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(fixture.DataDirectory).Where(f => !Path.GetFileName(f).StartsWith("erasure.db", StringComparison.Ordinal)))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            foreach (var (field, value) in personal)
            {
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0)
                {
                    found.Add((Path.GetFileName(file), field));
                }
            }
        }

        return found;
    }
}
