using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.OrderService;
using ProductCatalogOrders.OrderService.Orders;
using RabbitMQ.Client;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// A consumer that joins late: its queues did not exist while products were created, so it catches up
/// from ProductService's snapshot before it reports ready, and it reports ready anyway after the
/// bootstrap timeout when ProductService cannot be reached.
/// </summary>
public sealed class CacheBootstrapTests(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private Api Api => fixture.Api;

    private ServiceHost Order => fixture.System.Order;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_consumer_started_after_500_products_exist_has_all_of_them_before_it_reports_ready()
    {
        // Order as it was never run: stopped, its queues gone (events published now reach no queue of
        // Order's), and a fresh store without the bootstrap marker.
        var queues = OrderQueues();
        await Order.StopAsync(Cancel);
        await DeleteQueuesAsync(queues);
        Order.Configure("ConnectionStrings:ordersdb", $"Data Source={Path.Combine(Path.GetTempPath(), $"pco-late-order-{Guid.NewGuid():N}.db")}");

        var existing = new List<Guid>();
        foreach (var batch in Enumerable.Range(0, 500).Chunk(10))
        {
            existing.AddRange((await Task.WhenAll(batch.Select(_ => Api.CreateProductAsync()))).Select(p => p.Id));
        }

        await Order.StartAsync(Cancel);

        // Events keep coming while it catches up: the queue collects them already.
        var whileStarting = Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Api.CreateProductAsync()));
        await WaitReadyAsync(Order.CreateClient(), TimeSpan.FromSeconds(60));
        var replicated = await OrderReplicaIdsAsync();

        Assert.Empty(existing.Except(replicated));
        foreach (var product in await whileStarting)
        {
            await Api.WaitForReplicasAsync(product.Id, product.Version);
        }
    }

    [Fact]
    public async Task Without_ProductService_a_new_consumer_reports_ready_after_the_bootstrap_timeout_and_catches_up_later()
    {
        var before = await Api.CreatePropagatedProductAsync();
        await Order.StopAsync(Cancel);
        Order.Configure("ConnectionStrings:ordersdb", $"Data Source={Path.Combine(Path.GetTempPath(), $"pco-late-order-{Guid.NewGuid():N}.db")}");
        Order.Configure("Replicas:BootstrapTimeout", "00:00:03");
        await fixture.System.Product.StopAsync(Cancel);
        try
        {
            var clock = Stopwatch.StartNew();
            await Order.StartAsync(Cancel);
            using var health = Order.CreateClient();
            using (var notReady = await health.GetAsync("/health", Cancel))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            }

            await WaitReadyAsync(health, TimeSpan.FromSeconds(30));
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3), $"ready after {clock.Elapsed.TotalSeconds:0.0} s, before the 3 s bootstrap timeout");
            Assert.Equal("Degraded", await CheckStatusAsync(health, "cache-bootstrap"));
            Assert.DoesNotContain(before.Id, await OrderReplicaIdsAsync());
        }
        finally
        {
            await fixture.System.Product.StartAsync(Cancel);
            Order.Configure("Replicas:BootstrapTimeout", null);
        }

        // Still retrying in the background: once ProductService is back, the cache catches up.
        await Eventually.MatchAsync(OrderReplicaIdsAsync, ids => ids.Contains(before.Id), "Order's new cache learns the product from the snapshot", TimeSpan.FromSeconds(60));
        using var client = Order.CreateClient();
        await Eventually.MatchAsync(() => CheckStatusAsync(client, "cache-bootstrap"), status => status == "Healthy", "the bootstrap check turns Healthy");
    }

    private static async Task<string?> CheckStatusAsync(HttpClient service, string check)
    {
        using var response = await service.GetAsync("/health", Cancel);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return body.RootElement.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("name").GetString() == check).Select(c => c.GetProperty("status").GetString()).SingleOrDefault();
    }

    private static async Task<string> WaitReadyAsync(HttpClient service, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await service.GetAsync("/health", Cancel);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadAsStringAsync(Cancel);
            }

            Assert.True(DateTime.UtcNow < deadline, $"not ready within {timeout.TotalSeconds:0} s: {await response.Content.ReadAsStringAsync(Cancel)}");
            await Task.Delay(20, Cancel);
        }
    }

    private async Task<HashSet<Guid>> OrderReplicaIdsAsync()
    {
        await using var scope = Order.Services.CreateAsyncScope();
        return [.. await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().ProductReplicas.Select(r => r.ProductId).ToListAsync(Cancel)];
    }

    /// <summary>Order's queues, named as its bus names them.</summary>
    private (Uri Broker, string[] Names) OrderQueues()
    {
        var configuration = Order.Services.GetRequiredService<IConfiguration>();
        var names = new KebabCaseEndpointNameFormatter($"{configuration["Messaging:EntityPrefix"]}{OrderServiceApp.Name}-", includeNamespace: false);
        return (new Uri(configuration.GetConnectionString("messaging")!),
        [
            names.Consumer<ProductCreatedConsumer>(), names.Consumer<ProductUpdatedConsumer>(), names.Consumer<ProductDecommissionedConsumer>(),
            names.Consumer<ProductDecommissionCompletedConsumer>(), names.Consumer<ProductRestoredConsumer>(), names.Consumer<ProductLegalHoldChangedConsumer>(),
            names.Consumer<ProductPurgedConsumer>(),
        ]);
    }

    private static async Task DeleteQueuesAsync((Uri Broker, string[] Names) queues)
    {
        await using var connection = await new ConnectionFactory { Uri = queues.Broker }.CreateConnectionAsync(Cancel);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
        foreach (var queue in queues.Names)
        {
            await channel.QueueDeleteAsync(queue, cancellationToken: Cancel);
        }
    }
}
