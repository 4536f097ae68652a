using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Messaging.ErrorQueues;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.InProcessHosting;
using ProductCatalogOrders.IntegrationTests.Infrastructure;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// Poison messages end to end, with each service on its own broker user: a message that keeps failing
/// lands in its endpoint's <c>_error</c> queue; once the cause is fixed, a re-drive moves it back and
/// it is applied; a message that fails again returns to <c>_error</c>, and none is lost. The cause is
/// real: a trigger in the consumer's own SQLite database that refuses every write of one product.
/// </summary>
public sealed class ErrorQueueRedriveTests(BrokerUsersSystem fixture) : IClassFixture<BrokerUsersSystem>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Api Api => fixture.Api;

    [Fact]
    public async Task A_message_that_failed_is_applied_after_the_cause_is_fixed_and_it_is_redriven()
    {
        SkipWithoutLocalBroker();
        var product = await Api.CreatePropagatedProductAsync();
        var errorQueue = Queue("catalog-product-decommissioned_error");
        var waiting = await CountAsync(Api.Catalog, errorQueue);

        await using (await RefuseWritesAsync(fixture.System.Catalog, "catalogdb", "ProductCache", product.Id))
        {
            await Api.DecommissionAsync(product.Id);
            await Eventually.MatchAsync(() => CountAsync(Api.Catalog, errorQueue), n => n == waiting + 1, $"the decommission reaches {errorQueue}");
            Assert.Equal(ProductStatus.Active, (await Api.GetReplicaAsync(Api.Catalog, product.Id))!.Status);
        }

        var redrive = await RedriveAsync(Api.Catalog, errorQueue);

        Assert.Equal(new RedriveResponse(errorQueue, Queue("catalog-product-decommissioned"), (int)waiting + 1), redrive);
        var completed = await Eventually.MatchAsync(
            () => Api.GetProductAsync(product.Id), p => p?.Status == ProductStatus.Decommissioned, "Catalog's confirmation completes the decommission");
        await Api.WaitForReplicasAsync(product.Id, completed!.Version);
        Assert.Equal(0u, await CountAsync(Api.Catalog, errorQueue));
    }

    [Fact]
    public async Task A_message_that_fails_again_returns_to_the_error_queue_and_none_is_lost()
    {
        SkipWithoutLocalBroker();
        var product = await Api.CreatePropagatedProductAsync();
        var errorQueue = Queue("order-product-updated_error");
        var earlier = await CountAsync(Api.Orders, errorQueue);

        await using (await RefuseWritesAsync(fixture.System.Order, "ordersdb", "ProductReplicas", product.Id))
        {
            var update = await Api.Products.PutAsJsonAsync($"/products/{product.Id}", new { name = "Renamed", price = 2.5m }, Api.Json, Cancel);
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
            var before = await Eventually.MatchAsync(() => CountAsync(Api.Orders, errorQueue), n => n == earlier + 1, $"the update reaches {errorQueue}");

            var redrive = await RedriveAsync(Api.Orders, errorQueue);

            Assert.Equal((int)before, redrive.Moved);
            await Eventually.MatchAsync(() => CountAsync(Api.Orders, errorQueue), n => n == before, "the message fails again and returns");
            Assert.Equal(0u, await RabbitQueues.MessageCountAsync(fixture.System.Order, Queue("order-product-updated")));
            Assert.Equal("Apple", (await Api.GetReplicaAsync(Api.Orders, product.Id))!.Name);
        }

        // Nothing was lost on the way: fixed, the same message is applied.
        var second = await RedriveAsync(Api.Orders, errorQueue);
        Assert.Equal((int)earlier + 1, second.Moved);
        await Eventually.MatchAsync(() => Api.GetReplicaAsync(Api.Orders, product.Id), r => r?.Name == "Renamed", "the re-driven update is applied");

        var audit = await Api.Orders.GetFromJsonAsync<AuditPage>($"/audit?resourceId={Uri.EscapeDataString(errorQueue)}", Api.Json, Cancel);
        Assert.Equal(2, audit!.Items.Count(e => e.Action == ErrorQueueAudit.Action && e.Actor == Api.Subject));
    }

    [Fact]
    public async Task Each_service_lists_only_its_own_error_queues_and_refuses_any_other_with_404()
    {
        SkipWithoutLocalBroker();
        foreach (var (client, service) in new[] { (Api.Products, "product"), (Api.Catalog, "catalog"), (Api.Orders, "order") })
        {
            var queues = await ListAsync(client);
            Assert.NotEmpty(queues);
            Assert.All(queues, q => Assert.Matches($"^{fixture.EntityPrefix}{service}-(product|customer-erasure)-[a-z-]+_error$", q.Queue));
        }

        Assert.Contains(await ListAsync(Api.Products), q => q.Queue == Queue("product-product-decommission-confirmed_error"));

        foreach (var foreign in new[] { Queue("order-product-updated_error"), Queue("catalog-product-updated"), "amq.default", "nothing_error" })
        {
            using var response = await Api.Catalog.PostAsync($"/messaging/error-queues/{Uri.EscapeDataString(foreign)}/redrive", null, Cancel);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private string Queue(string name) => fixture.EntityPrefix + name;

    private void SkipWithoutLocalBroker()
    {
        if (fixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private static async Task<List<ErrorQueueResponse>> ListAsync(HttpClient service)
    {
        using var response = await service.GetAsync("/messaging/error-queues", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<ErrorQueueResponse>>(Api.Json, Cancel))!;
    }

    private static async Task<uint> CountAsync(HttpClient service, string queue) => (await ListAsync(service)).Single(q => q.Queue == queue).Messages;

    private static async Task<RedriveResponse> RedriveAsync(HttpClient service, string queue)
    {
        using var response = await service.PostAsync($"/messaging/error-queues/{Uri.EscapeDataString(queue)}/redrive", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RedriveResponse>(Api.Json, Cancel))!;
    }

    /// <summary>Until disposed, the service's own database refuses every write of this product's copy.</summary>
    private static async Task<IAsyncDisposable> RefuseWritesAsync(ServiceHost service, string connectionName, string table, Guid productId)
    {
        var connectionString = service.Services.GetRequiredService<IConfiguration>().GetConnectionString(connectionName);
        var name = $"refuse_{productId:N}";
        await ExecuteAsync(connectionString!, string.Join('\n', new[] { "INSERT", "UPDATE" }.Select(operation =>
            $"CREATE TRIGGER {name}_{operation} BEFORE {operation} ON {table} WHEN upper(NEW.ProductId) = upper('{productId}') " +
            "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;")));
        return new Cleanup(() => ExecuteAsync(connectionString!, $"DROP TRIGGER {name}_INSERT; DROP TRIGGER {name}_UPDATE;"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private sealed class Cleanup(Func<Task> action) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await action();
    }
}
