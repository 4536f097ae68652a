using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ErasureService.Ledger;
using ProductCatalogOrders.ErasureService.Requests;
using ProductCatalogOrders.IntegrationTests.Infrastructure;
using ProductCatalogOrders.OrderService.Orders;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// Forgetting a customer across the services, on the real broker and real SQLite files: the ledger's
/// transitions, its checks, a synchronous target that cannot write for a while, a lost and a duplicated
/// confirmation, verification that finds data left behind.
/// </summary>
public sealed class ErasureTests(ErasureSystem fixture) : IClassFixture<ErasureSystem>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Api Api => fixture.Api;

    private ErasureApi Erasure => field ??= new ErasureApi(fixture.System, fixture.Api);

    private SubjectTokens Tokens => new(Convert.FromBase64String(fixture.System.SubjectTokenKey));

    [Fact]
    public async Task Erasing_a_customer_anonymises_their_orders_deletes_their_reviews_and_ends_Verified()
    {
        var customer = ErasureApi.NewCustomer();
        var (product, orders) = await CustomerWithDataAsync(customer, orders: 2, reviews: 2);

        var first = await Erasure.RequestOkAsync(customer);
        var again = await Erasure.RequestOkAsync(customer);

        Assert.Equal(first.Id, again.Id); // one open request per subject
        Assert.Equal(["catalog", "order"], first.Targets.Select(t => t.Service));
        var done = await Erasure.WaitForStateAsync(first.Id, RequestState.Verified);
        Assert.All(done.Targets, t => Assert.Equal(TargetState.Verified, t.State));
        Assert.Equal(2, ErasureApi.Target(done, "order").Erased);
        Assert.Equal(2, ErasureApi.Target(done, "catalog").Erased);
        Assert.NotNull(done.CompletedAt);

        foreach (var id in orders)
        {
            var order = (await Api.GetOrderAsync(id))!;
            Assert.Equal(Tokens.Customer(customer), order.CustomerId);
            Assert.Equal(("", "", ""), (order.CustomerName, order.CustomerEmail, order.ShippingAddress));
            Assert.Equal(OrderStatus.Fulfilled, order.Status); // accounting keeps lines, amounts and status
            Assert.Equal(1.50m, order.Total);
        }

        Assert.Empty(await Api.AllPagesAsync<OrderResponse>(Api.Orders, $"/orders?customerId={customer}"));
        Assert.Equal(0, await Erasure.ReviewsOfAsync(customer));
        Assert.Empty(await Api.AllPagesAsync<CatalogService.Reviews.ReviewResponse>(Api.Catalog, $"/catalog/reviews?productId={product.Id}"));

        var kinds = (await LedgerEventsAsync(first.Id)).Select(e => e.Kind).ToList();
        Assert.Equal(LedgerEventKinds.Requested, kinds[0]);
        Assert.Equal([LedgerEventKinds.TargetErased, LedgerEventKinds.TargetErased], kinds[1..^1]);
        Assert.Equal(LedgerEventKinds.Verified, kinds[^1]);

        // Once Verified the request is closed: a new one for the same subject is a new request.
        var later = await Erasure.RequestOkAsync(customer);
        Assert.NotEqual(first.Id, later.Id);
        await Erasure.WaitForStateAsync(later.Id, RequestState.Verified);
    }

    [Fact]
    public async Task Reviews_by_product_are_public_without_the_customer_and_by_customer_need_staff_or_the_customer_itself()
    {
        var customer = ErasureApi.NewCustomer();
        var (product, _) = await CustomerWithDataAsync(customer, orders: 0, reviews: 1);

        using var anonymous = fixture.System.Catalog.CreateClient();
        var json = await anonymous.GetStringAsync($"/catalog/reviews?productId={product.Id}", Cancel);
        Assert.Contains("Crisp and fresh.", json);
        Assert.DoesNotContain(customer, json);
        Assert.DoesNotContain("customerId", json);

        using var byCustomerAnonymously = await anonymous.GetAsync($"/catalog/reviews?customerId={customer}", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, byCustomerAnonymously.StatusCode);
        using var own = fixture.System.Catalog.CreateClient(fixture.System.Tokens.Mint("cust", [], customerId: customer));
        Assert.Contains(customer, await own.GetStringAsync($"/catalog/reviews?customerId={customer}", Cancel));
        using var other = fixture.System.Catalog.CreateClient(fixture.System.Tokens.Mint("cust2", [], customerId: "someone-else"));
        using var refused = await other.GetAsync($"/catalog/reviews?customerId={customer}", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var forOther = await other.PostAsJsonAsync("/catalog/reviews", new { productId = product.Id, customerId = customer, rating = 1, text = "Not mine." }, Api.Json, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, forOther.StatusCode);
        Assert.Equal(1, await Erasure.ReviewsOfAsync(customer));
    }

    [Fact]
    public async Task Open_orders_block_the_request_without_touching_any_target_until_they_are_closed()
    {
        var customer = ErasureApi.NewCustomer();
        var product = await Api.CreatePropagatedProductAsync();
        var order = await Api.PlaceOrderOkAsync(customer, (product.Id, 1));
        await Erasure.AddReviewOkAsync(product.Id, customer);

        var request = await Erasure.RequestOkAsync(customer);
        var blocked = await Erasure.WaitForStateAsync(request.Id, RequestState.Blocked);

        Assert.All(blocked.Targets, t => Assert.Equal((TargetState.Blocked, 0), (t.State, t.Attempts)));
        Assert.Contains("1 open order(s)", ErasureApi.Target(blocked, "order").BlockedReason);
        Assert.Equal("Ann Example", (await Api.GetOrderAsync(order.Id))!.CustomerName);
        Assert.Equal(1, await Erasure.ReviewsOfAsync(customer));

        await Erasure.FulfilAsync(order.Id);

        var done = await Erasure.WaitForStateAsync(request.Id, RequestState.Verified);
        Assert.Equal(1, ErasureApi.Target(done, "order").Erased);
        Assert.Equal(1, (await LedgerEventsAsync(request.Id)).Count(e => e.Kind == LedgerEventKinds.Blocked));
    }

    [Fact]
    public async Task A_legal_hold_blocks_the_request_and_lifting_it_lets_the_request_resume_by_itself()
    {
        var customer = ErasureApi.NewCustomer();
        await CustomerWithDataAsync(customer, orders: 1, reviews: 1);
        using var hold = await Erasure.Erasure.PutAsJsonAsync($"/subjects/customer/{customer}/legal-hold", new { reason = "Litigation 2026-17" }, Api.Json, Cancel);
        Assert.Equal(HttpStatusCode.OK, hold.StatusCode);

        var request = await Erasure.RequestOkAsync(customer);
        var blocked = await Erasure.WaitForStateAsync(request.Id, RequestState.Blocked);
        Assert.Contains("legal-hold: On legal hold", ErasureApi.Target(blocked, "catalog").BlockedReason);
        Assert.Contains("Litigation 2026-17", ErasureApi.Target(blocked, "order").BlockedReason);
        await Erasure.WaitForAsync(request.Id, r => r.Targets.All(t => t.UpdatedAt > blocked.Targets[0].UpdatedAt), "the checks were evaluated again");
        Assert.Equal(1, await Erasure.ReviewsOfAsync(customer));

        using var lifted = await Erasure.Erasure.DeleteAsync($"/subjects/customer/{customer}/legal-hold", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, lifted.StatusCode);
        using var liftedAgain = await Erasure.Erasure.DeleteAsync($"/subjects/customer/{customer}/legal-hold", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, liftedAgain.StatusCode);

        await Erasure.WaitForStateAsync(request.Id, RequestState.Verified);
        Assert.Equal(0, await Erasure.ReviewsOfAsync(customer));
        Assert.Equal(1, (await LedgerEventsAsync(request.Id)).Count(e => e.Kind == LedgerEventKinds.Blocked));
        var audit = await Erasure.AuditAsync(Erasure.Erasure, Tokens.Customer(customer));
        Assert.Equal(["place-legal-hold", "lift-legal-hold"], audit.Select(a => a.Action));
    }

    [Fact]
    public async Task A_synchronous_target_that_cannot_be_asked_blocks_the_request_until_it_is_back()
    {
        var customer = ErasureApi.NewCustomer();
        await CustomerWithDataAsync(customer, orders: 1, reviews: 1);
        await Erasure.Erasure.GetStringAsync("/erasure/inventory", Cancel); // read while every service answers

        ErasureRequestResponse request;
        await fixture.System.Order.StopAsync(Cancel);
        try
        {
            request = await Erasure.RequestOkAsync(customer);
            var blocked = await Erasure.WaitForStateAsync(request.Id, RequestState.Blocked);
            Assert.Contains("order could not be asked", ErasureApi.Target(blocked, "order").BlockedReason);
            Assert.Equal(1, await Erasure.ReviewsOfAsync(customer));
        }
        finally
        {
            await fixture.System.Order.StartAsync(Cancel);
        }

        var done = await Erasure.WaitForStateAsync(request.Id, RequestState.Verified);
        Assert.Equal(1, ErasureApi.Target(done, "order").Erased);
    }

    [Fact]
    public async Task A_synchronous_target_that_cannot_write_for_a_while_is_retried_with_backoff_and_anonymises_once_and_data_left_behind_is_erased_again()
    {
        var customer = ErasureApi.NewCustomer();
        var (product, orders) = await CustomerWithDataAsync(customer, orders: 2, reviews: 1);

        // Another writer holds OrderService's store: its reads answer, so the checks pass, but no write can commit.
        await using var writer = new SqliteConnection($"Data Source={Path.Combine(fixture.DataDirectory, "orders.db")}");
        await writer.OpenAsync(Cancel);
        await Execute(writer, "BEGIN IMMEDIATE;");
        ErasureRequestResponse request;
        try
        {
            request = await Erasure.RequestOkAsync(customer);
            var retrying = await Erasure.WaitForAsync(
                request.Id, r => ErasureApi.Target(r, "order") is { State: TargetState.InProgress, Attempts: >= 2, LastError: not null }
                    && ErasureApi.Target(r, "catalog").State == TargetState.Erased,
                "the order target is retried and the catalog has erased");
            Assert.Equal(RequestState.InProgress, retrying.State);

            // Data the catalog took in after it erased: verification must find it.
            await Erasure.AddReviewOkAsync(product.Id, customer, "Written after the erasure began.");
        }
        finally
        {
            await Execute(writer, "ROLLBACK;");
        }

        var done = await Erasure.WaitForStateAsync(request.Id, RequestState.Verified);
        Assert.True(ErasureApi.Target(done, "order").Attempts >= 2);
        Assert.Equal((2, 2), (ErasureApi.Target(done, "catalog").Erased, ErasureApi.Target(done, "catalog").Attempts));
        Assert.Equal(0, await Erasure.ReviewsOfAsync(customer));
        foreach (var id in orders)
        {
            Assert.Equal(Tokens.Customer(customer), (await Api.GetOrderAsync(id))!.CustomerId);
        }

        // Every attempt reached OrderService, some only after the store was free again: one anonymised, none twice.
        var erasures = (await Erasure.AuditAsync(Api.Orders, Tokens.Customer(customer))).Where(a => a.Action == "erase-customer").ToList();
        Assert.Equal("2 order(s) anonymised", Assert.Single(erasures).Detail);
        var catalogEvents = (await LedgerEventsAsync(request.Id)).Where(e => e.Service == "catalog").Select(e => e.Kind);
        Assert.Equal([LedgerEventKinds.TargetErased, LedgerEventKinds.TargetErased], catalogEvents);
    }

    [Fact]
    public async Task A_target_out_of_attempts_is_Failed_and_a_retry_finishes_the_request()
    {
        var customer = ErasureApi.NewCustomer();
        var (_, orders) = await CustomerWithDataAsync(customer, orders: 1, reviews: 1);
        var erasureHost = fixture.System.Erasure!;
        await using var writer = new SqliteConnection($"Data Source={Path.Combine(fixture.DataDirectory, "orders.db")}");
        await writer.OpenAsync(Cancel);
        ErasureRequestResponse request;
        await RestartErasureAsync(erasureHost, maxAttempts: "2");
        try
        {
            await Erasure.Erasure.GetStringAsync("/erasure/inventory", Cancel);
            await Execute(writer, "BEGIN IMMEDIATE;");
            try
            {
                request = await Erasure.RequestOkAsync(customer);
                var failed = await Erasure.WaitForStateAsync(request.Id, RequestState.Failed);
                var order = ErasureApi.Target(failed, "order");
                Assert.Equal((TargetState.Failed, 2), (order.State, order.Attempts));
                Assert.NotNull(order.LastError);
                Assert.Contains(LedgerEventKinds.TargetFailed, (await LedgerEventsAsync(request.Id)).Select(e => e.Kind));
            }
            finally
            {
                await Execute(writer, "ROLLBACK;");
            }

            using var retried = await Erasure.Erasure.PostAsync($"/erasure-requests/{request.Id}/retry", null, Cancel);
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
            var done = await Erasure.WaitForStateAsync(request.Id, RequestState.Verified);
            Assert.Contains("retry-erasure", (await Erasure.AuditAsync(Erasure.Erasure, request.Id.ToString())).Select(a => a.Action));
            Assert.Equal(Tokens.Customer(customer), (await Api.GetOrderAsync(orders[0]))!.CustomerId);
        }
        finally
        {
            await RestartErasureAsync(erasureHost, ErasureSystem.Settings["Erasure:MaxAttempts"]);
        }
    }

    private static async Task RestartErasureAsync(InProcessHosting.ServiceHost erasure, string? maxAttempts)
    {
        await erasure.StopAsync(Cancel);
        erasure.Configure("Erasure:MaxAttempts", maxAttempts);
        await erasure.StartAsync(Cancel);
    }

    [Fact]
    public async Task Requests_waiting_for_an_asynchronous_target_do_not_keep_a_new_request_from_starting()
    {
        var erasureHost = fixture.System.Erasure!;
        await erasureHost.StopAsync(Cancel);
        erasureHost.Configure("Erasure:BatchSize", "2");
        await erasureHost.StartAsync(Cancel);
        try
        {
            await Erasure.Erasure.GetStringAsync("/erasure/inventory", Cancel);
            ErasureRequestResponse latest;
            await fixture.System.Catalog.StopAsync(Cancel);
            try
            {
                // As many requests as a pass takes, each erased at the order and waiting for the catalog.
                foreach (var customer in Enumerable.Range(0, 2).Select(_ => ErasureApi.NewCustomer()))
                {
                    var waiting = await Erasure.RequestOkAsync(customer);
                    await Erasure.WaitForAsync(
                        waiting.Id,
                        r => (ErasureApi.Target(r, "order").State, ErasureApi.Target(r, "catalog").State) == (TargetState.Erased, TargetState.InProgress),
                        "the order erased, the catalog asked");
                }

                latest = await Erasure.RequestOkAsync(ErasureApi.NewCustomer());
                await Erasure.WaitForAsync(
                    latest.Id, r => ErasureApi.Target(r, "order").State == TargetState.Erased, "the newest request is started although the others still wait", TimeSpan.FromSeconds(10));
            }
            finally
            {
                await fixture.System.Catalog.StartAsync(Cancel);
            }

            await Erasure.WaitForStateAsync(latest.Id, RequestState.Verified);
        }
        finally
        {
            await erasureHost.StopAsync(Cancel);
            erasureHost.Configure("Erasure:BatchSize", null);
            await erasureHost.StartAsync(Cancel);
        }
    }

    [Fact]
    public async Task A_lost_confirmation_is_asked_for_again_after_a_restart_and_a_duplicate_changes_nothing()
    {
        var customer = ErasureApi.NewCustomer();
        await CustomerWithDataAsync(customer, orders: 0, reviews: 1);
        await Erasure.Erasure.GetStringAsync("/erasure/inventory", Cancel);
        var prefix = fixture.System.Catalog.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Messaging:EntityPrefix"];
        var queue = $"{prefix}erasure-customer-erasure-completed";

        ErasureRequestResponse request;
        await fixture.System.Catalog.StopAsync(Cancel);
        try
        {
            request = await Erasure.RequestOkAsync(customer);
            await Erasure.WaitForAsync(request.Id, r => ErasureApi.Target(r, "catalog") is { State: TargetState.InProgress, Attempts: 1 }, "the catalog was asked once");
            await Eventually.MatchAsync(
                () => RabbitQueues.MessageCountAsync(fixture.System.Order, $"{prefix}catalog-customer-erasure-requested"), n => n == 1, "the request waits for the catalog");
            await fixture.System.Erasure!.StopAsync(Cancel);
        }
        finally
        {
            await fixture.System.Catalog.StartAsync(Cancel);
        }

        try
        {
            // The catalog erases and confirms; the confirmation waits for ErasureService, and is lost.
            await Eventually.MatchAsync(() => RabbitQueues.MessageCountAsync(fixture.System.Catalog, queue), n => n == 1, "the confirmation waits in ErasureService's queue");
            Assert.Equal(1u, await RabbitQueues.PurgeAsync(fixture.System.Catalog, queue));
        }
        finally
        {
            await fixture.System.Erasure!.StartAsync(Cancel);
        }

        var done = await Erasure.WaitForStateAsync(request.Id, RequestState.Verified);
        var catalog = ErasureApi.Target(done, "catalog");
        // Asked again; the second delete found nothing left, and the catalog still confirms the one
        // review the first delivery removed, from its audit trail.
        Assert.Equal((2, 1), (catalog.Attempts, catalog.Erased));
        Assert.Equal(0, await Erasure.ReviewsOfAsync(customer));

        var events = (await LedgerEventsAsync(request.Id)).Count;
        var consumed = new ConsumedConfirmations();
        using var observing = fixture.System.Erasure!.Services.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);
        await fixture.System.Catalog.Services.GetRequiredService<IBus>().Publish(new CustomerErasureCompleted(request.Id, "catalog", 7), Cancel);
        await Eventually.MatchAsync(() => Task.FromResult(consumed.Count(request.Id)), n => n == 1, "ErasureService consumed the duplicate");

        var after = await Erasure.GetAsync(request.Id);
        Assert.Equal((TargetState.Verified, 2, 1), (ErasureApi.Target(after, "catalog").State, ErasureApi.Target(after, "catalog").Attempts, ErasureApi.Target(after, "catalog").Erased));
        Assert.Equal(events, (await LedgerEventsAsync(request.Id)).Count);
    }

    [Fact]
    public async Task Bad_input_on_every_new_endpoint_is_a_4xx_problem_and_writes_nothing()
    {
        var customer = ErasureApi.NewCustomer();
        var product = await Api.CreatePropagatedProductAsync();
        var auditBefore = (await Erasure.AuditAsync(Erasure.Erasure)).Count;
        using var service = fixture.System.Order.CreateClient(fixture.System.Tokens.Mint("probe-service", ["service"]));
        using var catalogService = fixture.System.Catalog.CreateClient(fixture.System.Tokens.Mint("probe-service", ["service"]));
        var tooLong = new string('x', 65);

        var probes = new (HttpClient Client, HttpMethod Method, string Path, object? Body, HttpStatusCode Expected)[]
        {
            (Erasure.Erasure, HttpMethod.Post, "/erasure-requests", new { }, HttpStatusCode.BadRequest),
            (Erasure.Erasure, HttpMethod.Post, "/erasure-requests", new { subjectType = "Customer!", subjectId = customer, reason = "r" }, HttpStatusCode.BadRequest),
            (Erasure.Erasure, HttpMethod.Post, "/erasure-requests", new { subjectType = "customer", subjectId = tooLong, reason = "r" }, HttpStatusCode.BadRequest),
            (Erasure.Erasure, HttpMethod.Post, "/erasure-requests", new { subjectType = "customer", subjectId = "c\u0000x", reason = "r" }, HttpStatusCode.BadRequest),
            (Erasure.Erasure, HttpMethod.Post, "/erasure-requests", new { subjectType = "customer", subjectId = 42, reason = "r" }, HttpStatusCode.BadRequest),
            (Erasure.Erasure, HttpMethod.Post, "/erasure-requests", new { subjectType = "supplier", subjectId = customer, reason = "r" }, HttpStatusCode.UnprocessableEntity),
            (Erasure.Erasure, HttpMethod.Get, $"/erasure-requests/{Guid.NewGuid()}", null, HttpStatusCode.NotFound),
            (Erasure.Erasure, HttpMethod.Get, "/erasure-requests?state=Gone", null, HttpStatusCode.BadRequest),
            (Erasure.Erasure, HttpMethod.Get, "/erasure-requests?limit=0", null, HttpStatusCode.BadRequest),
            (Erasure.Erasure, HttpMethod.Get, "/erasure-requests?after=bogus", null, HttpStatusCode.BadRequest),
            (Erasure.Erasure, HttpMethod.Post, $"/erasure-requests/{Guid.NewGuid()}/retry", null, HttpStatusCode.NotFound),
            (Erasure.Erasure, HttpMethod.Put, $"/subjects/customer/{customer}/legal-hold", new { }, HttpStatusCode.BadRequest),
            (Erasure.Erasure, HttpMethod.Put, $"/subjects/CUSTOMER/{customer}/legal-hold", new { reason = "r" }, HttpStatusCode.BadRequest),
            (Erasure.Erasure, HttpMethod.Delete, $"/subjects/customer/{tooLong}/legal-hold", null, HttpStatusCode.BadRequest),
            (Api.Catalog, HttpMethod.Post, "/catalog/reviews", new { productId = product.Id, customerId = customer, rating = 6, text = "t" }, HttpStatusCode.BadRequest),
            (Api.Catalog, HttpMethod.Post, "/catalog/reviews", new { productId = product.Id, customerId = customer, rating = "5", text = "t" }, HttpStatusCode.BadRequest),
            (Api.Catalog, HttpMethod.Post, "/catalog/reviews", new { productId = product.Id, customerId = customer, rating = 5, text = "" }, HttpStatusCode.BadRequest),
            (Api.Catalog, HttpMethod.Post, "/catalog/reviews", new { productId = Guid.NewGuid(), customerId = customer, rating = 5, text = "t" }, HttpStatusCode.UnprocessableEntity),
            (Api.Catalog, HttpMethod.Get, "/catalog/reviews", null, HttpStatusCode.BadRequest),
            (Api.Catalog, HttpMethod.Get, $"/catalog/reviews?productId={product.Id}&customerId={customer}", null, HttpStatusCode.BadRequest),
            (Api.Catalog, HttpMethod.Get, $"/catalog/reviews?productId={product.Id}&after=bogus", null, HttpStatusCode.BadRequest),
            (catalogService, HttpMethod.Get, $"/customers/{tooLong}/personal-data", null, HttpStatusCode.BadRequest),
            (service, HttpMethod.Post, $"/customers/{tooLong}/erasure", null, HttpStatusCode.BadRequest),
            (service, HttpMethod.Get, $"/customers/{tooLong}/personal-data", null, HttpStatusCode.BadRequest),
        };
        foreach (var (client, method, path, body, expected) in probes)
        {
            using var message = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Api.Json) };
            using var response = await client.SendAsync(message, Cancel);
            Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode}, expected {(int)expected}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.DoesNotContain(await Api.AllPagesAsync<ErasureRequestResponse>(Erasure.Erasure, "/erasure-requests"), r => r.SubjectId == customer || r.SubjectId == tooLong);
        Assert.Equal(auditBefore, (await Erasure.AuditAsync(Erasure.Erasure)).Count);
        Assert.Equal(0, await Erasure.ReviewsOfAsync(customer));
    }

    [Fact]
    public async Task Without_the_erasure_request_scope_the_call_is_403_and_nothing_is_written()
    {
        var customer = ErasureApi.NewCustomer();
        using var client = fixture.System.Erasure!.CreateClient(fixture.System.Tokens.Mint("no-erasure", ["orders:write", "erasure:legal-hold"]));

        using var response = await client.PostAsJsonAsync("/erasure-requests", new { subjectType = "customer", subjectId = customer, reason = "r" }, Api.Json, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("erasure:request", await response.Content.ReadAsStringAsync(Cancel));
        Assert.DoesNotContain(await Api.AllPagesAsync<ErasureRequestResponse>(Erasure.Erasure, "/erasure-requests"), r => r.SubjectId == customer);
        Assert.DoesNotContain(await LedgerEventsAsync(null), e => e.SubjectId == customer);
    }

    [Fact]
    public async Task Every_service_serves_its_inventory_and_ErasureService_merges_them()
    {
        var merged = await Erasure.Erasure.GetFromJsonAsync<ErasureService.Targets.MergedInventoryResponse>("/erasure/inventory", ErasureService.Targets.TargetCalls.Json, Cancel);

        Assert.Empty(merged!.Unreachable);
        var holdings = merged.Services.ToDictionary(s => s.Inventory.Service, s => s.Inventory.Holdings);
        Assert.Empty(holdings["product"]);
        Assert.Equal((ErasureMethod.Synchronous, ErasureEffect.Anonymised), (holdings["order"][0].Method, holdings["order"][0].Effect));
        Assert.Equal(["customerId", "customerName", "customerEmail", "shippingAddress"], holdings["order"][0].Fields);
        Assert.Equal((ErasureMethod.Asynchronous, ErasureEffect.Deleted), (holdings["catalog"][0].Method, holdings["catalog"][0].Effect));
    }

    private async Task<(ProductResponse Product, List<Guid> Orders)> CustomerWithDataAsync(string customer, int orders, int reviews)
    {
        var product = await Api.CreatePropagatedProductAsync();
        var placed = new List<Guid>();
        for (var i = 0; i < orders; i++)
        {
            var order = await Api.PlaceOrderOkAsync(customer, (product.Id, 1));
            await Erasure.FulfilAsync(order.Id);
            placed.Add(order.Id);
        }

        for (var i = 0; i < reviews; i++)
        {
            await Erasure.AddReviewOkAsync(product.Id, customer);
        }

        return (product, placed);
    }

    private async Task<List<ErasureLedgerEvent>> LedgerEventsAsync(Guid? requestId)
    {
        await using var scope = fixture.System.Erasure!.Services.CreateAsyncScope();
        var events = await scope.ServiceProvider.GetRequiredService<LedgerEventSource>().ReadAfterAsync(0, 100_000, Cancel);
        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].Sequence > events[i - 1].Sequence, "the ledger events come in sequence order");
        }

        return [.. events.Where(e => requestId is null || e.RequestId == requestId)];
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Cancel);
    }

    /// <summary>Counts the confirmations ErasureService finished consuming, by request.</summary>
    private sealed class ConsumedConfirmations : IConsumeObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<Guid> _consumed = new();

        public int Count(Guid requestId) => _consumed.Count(id => id == requestId);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is CustomerErasureCompleted completed)
            {
                _consumed.Enqueue(completed.RequestId);
            }

            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
