using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// Least privilege on the broker: each service connects as its own user with the permissions of
/// eng/broker-users.sh, and the broker itself refuses a product event from anyone but ProductService.
/// </summary>
public sealed class BrokerUserTests(BrokerUsersSystem fixture) : IClassFixture<BrokerUsersSystem>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string ProductDecommissionedExchange => $"{fixture.EntityPrefix}ProductCatalogOrders.Contracts:{nameof(ProductDecommissioned)}";

    [Theory]
    [InlineData("catalog")]
    [InlineData("order")]
    public async Task A_consumer_user_publishing_a_product_event_is_refused_by_the_broker_and_the_product_user_is_not(string forger)
    {
        SkipWithoutLocalBroker();
        var forged = Guid.NewGuid();
        var genuine = Guid.NewGuid();

        await using var forgerConnection = await ConnectAsync(forger);
        await using var channel = await forgerConnection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), Cancel);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => PublishAsync(channel, forged));
        Assert.True(channel.IsClosed, $"the channel of {forger} stays open after: {refused.Message}");
        Assert.Equal((ushort?)Constants.AccessRefused, channel.CloseReason?.ReplyCode);
        Assert.Contains("access to exchange", channel.CloseReason?.ReplyText);

        await using var productConnection = await ConnectAsync("product");
        await using var productChannel = await productConnection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), Cancel);
        await PublishAsync(productChannel, genuine); // confirmed, or it throws

        // The genuine event reaches both caches; the forged one, sent first, reaches neither.
        foreach (var service in new[] { fixture.Api.Catalog, fixture.Api.Orders })
        {
            await Eventually.MatchAsync(() => Api.GetReplicaAsync(service, genuine), r => r?.Status == ProductStatus.Decommissioning, "the product user's event is applied");
            Assert.Null(await Api.GetReplicaAsync(service, forged));
        }
    }

    [Fact]
    public async Task A_consumer_user_cannot_read_another_consumers_queue()
    {
        SkipWithoutLocalBroker();
        await using var connection = await ConnectAsync("catalog");
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);

        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(
            () => channel.BasicGetAsync($"{fixture.EntityPrefix}order-product-decommissioned", autoAck: false, Cancel));

        Assert.Equal((ushort?)Constants.AccessRefused, refused.ShutdownReason?.ReplyCode);
    }

    [Fact]
    public async Task A_decommission_reaches_both_caches_and_completes_with_per_service_users()
    {
        SkipWithoutLocalBroker();
        var product = await fixture.Api.CreatePropagatedProductAsync();

        var decommissioned = await fixture.Api.DecommissionCompletelyAsync(product.Id);

        foreach (var service in new[] { fixture.Api.Catalog, fixture.Api.Orders })
        {
            var replica = await Api.GetReplicaAsync(service, product.Id);
            Assert.Equal((ProductStatus.Decommissioned, decommissioned.Version), (replica!.Status, replica.Version));
        }
    }

    /// <summary>The rules name every contract: a new product event or confirmation without a rule would be refused at run time.</summary>
    [Fact]
    public async Task The_permission_rules_cover_every_contract_and_only_product_writes_product_events()
    {
        var write = new Dictionary<string, Regex>();
        foreach (var service in BrokerUsersSystem.ServiceNames)
        {
            var lines = (await Repository.RunScriptAsync("broker-users.sh", null, "permissions", service)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            write[service] = new Regex(lines[1]);
        }

        var contracts = typeof(IProductEvent).Assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.Name.StartsWith("Product", StringComparison.Ordinal)).ToList();
        var events = contracts.Where(t => typeof(IProductEvent).IsAssignableFrom(t)).ToList();
        var confirmations = contracts.Where(t => t.Name.EndsWith("Confirmed", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(events);
        Assert.NotEmpty(confirmations);
        Assert.DoesNotContain(contracts.Except(events).Except(confirmations), t => t != typeof(ProductState));

        foreach (var type in events)
        {
            var exchange = $"ProductCatalogOrders.Contracts:{type.Name}";
            Assert.True(write["product"].IsMatch(exchange), $"product may not write {exchange}");
            Assert.False(write["catalog"].IsMatch(exchange) || write["order"].IsMatch(exchange), $"a consumer may write {exchange}");
        }

        foreach (var type in confirmations)
        {
            var exchange = $"ProductCatalogOrders.Contracts:{type.Name}";
            Assert.True(write["catalog"].IsMatch(exchange) && write["order"].IsMatch(exchange), $"a consumer may not write {exchange}");
            Assert.False(write["product"].IsMatch(exchange), $"product may write {exchange}");
        }

        Assert.False(write.Values.Any(w => w.IsMatch("amq.default")), "someone may write the default exchange");
    }

    private void SkipWithoutLocalBroker()
    {
        if (fixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private Task<IConnection> ConnectAsync(string service) =>
        new ConnectionFactory { Uri = fixture.BrokerAs(service), AutomaticRecoveryEnabled = false }.CreateConnectionAsync(Cancel);

    /// <summary>A ProductDecommissioned as MassTransit's envelope carries it: what a forger would send.</summary>
    private async Task PublishAsync(IChannel channel, Guid productId)
    {
        var envelope = JsonSerializer.Serialize(new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:ProductCatalogOrders.Contracts:ProductDecommissioned" },
            message = new
            {
                productId,
                version = 1_000_000,
                occurredAt = DateTimeOffset.UtcNow,
                product = new { sku = "FORGED", name = "Forged", price = 1.0m, status = "Decommissioning" },
            },
        });
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync(ProductDecommissionedExchange, "", mandatory: false, properties, Encoding.UTF8.GetBytes(envelope), Cancel);
    }
}
