using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.Strategies;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.OrderService.Orders;

public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        // Customers place and read their own orders; staff need orders:write or orders:read.
        var place = app.MapGroup("/orders").WithTags("Orders").AddEndpointFilter<DependencyUnavailableFilter>()
            .RequireAuthorization(Policies.PlaceOrders);
        place.MapPost("/", PlaceOrder).WithName(nameof(PlaceOrder))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Places an order; 422 when a product is unknown or not Active. Prices are snapshotted from the local replica.");

        var read = app.MapGroup("/orders").WithTags("Orders").RequireAuthorization(Policies.ReadOrders);
        read.MapGet("/{id:guid}", GetOrder).WithName(nameof(GetOrder)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An order with its lines: the product snapshot and the product's current status.");
        read.MapGet("/", ListCustomerOrders).WithName(nameof(ListCustomerOrders))
            .WithSummary("A customer's orders, newest first, a page at a time.");

        var manage = app.MapGroup("/orders").WithTags("Orders").RequireAuthorization(Scopes.OrdersWrite);
        manage.MapPost("/{id:guid}/fulfill", FulfillOrder).WithName(nameof(FulfillOrder)).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Marks an Open order Fulfilled; 409 when it was cancelled.");
        manage.MapPost("/{id:guid}/cancel", CancelOrder).WithName(nameof(CancelOrder)).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Marks an Open order Cancelled; 409 when it was fulfilled.");

        var counts = app.MapGroup("/orders").WithTags("Orders").RequireAuthorization();
        counts.MapGet("/open-count", CountOpenOrders).WithName(nameof(CountOpenOrders))
            .WithSummary("How many Open orders reference a product; ProductService asks this before a purge.");

        // Only the strategy that coordinates a delete has anything to release, and only a service may ask.
        if (DeletionStrategySetting.Resolve(app.ServiceProvider.GetRequiredService<IConfiguration>()) == DeletionStrategy.SynchronousCoordination)
        {
            var release = app.MapGroup("/orders/products/{id:guid}").WithTags("Orders").RequireAuthorization(Scopes.Service);
            release.MapPost("/release", ReleaseProduct).WithName(nameof(ReleaseProduct)).ProducesProblem(StatusCodes.Status409Conflict)
                .WithSummary("SynchronousCoordination: agrees to a product's deletion only if no order line references it; 409 otherwise.");
        }

        return app;
    }

    public static async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>> PlaceOrder(
        PlaceOrderRequest request,
        [FromHeader(Name = IdempotentRequest.Header)] string? idempotencyKey,
        ClaimsPrincipal user,
        HttpContext http,
        OrdersDbContext db,
        IProductLookup products,
        SubjectTokens tokens,
        TimeProvider time,
        ILogger<Order> logger,
        CancellationToken cancellationToken)
    {
        var errors = OrderRules.Validate(request);
        if (idempotencyKey is not null && IdempotentRequest.Invalid(idempotencyKey) is { } badKey)
        {
            errors[IdempotentRequest.Header] = [badKey];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (user.CustomerId() is { } customer && customer != request.CustomerId!.Trim())
        {
            return Problems.Forbidden(Scopes.OrdersWrite, "An order for another customer");
        }

        IdempotentRequest? remembered = null;
        if (idempotencyKey is not null)
        {
            remembered = new IdempotentRequest
            {
                Caller = IdempotentRequest.CallerOf(user),
                Key = idempotencyKey,
                RequestHash = IdempotentRequest.HashOf(request),
                ExpiresAt = time.GetUtcNow().Add(IdempotentRequest.KeptFor).ToUnixTimeMilliseconds(),
            };
            if (await ReplayAsync(remembered, db, http, time, cancellationToken) is { } replay)
            {
                return replay;
            }
        }

        var lines = request.Lines!.Select(l => (ProductId: l!.ProductId!.Value, Quantity: l.Quantity!.Value)).ToList();
        var productIds = lines.Select(l => l.ProductId).Distinct().ToList();
        var replicas = new Dictionary<Guid, ProductReplica>();
        foreach (var productId in productIds)
        {
            if (await products.FindAsync(productId, cancellationToken) is { } product)
            {
                replicas[productId] = product;
            }
        }

        var refused = productIds
            .Select(id => replicas.TryGetValue(id, out var p)
                ? p.Status == ProductStatus.Active ? null : $"{id} ({p.Sku}) is {p.Status}"
                : $"{id} is unknown here (a product created moments ago may still be on its way)")
            .OfType<string>()
            .ToList();
        if (refused.Count > 0)
        {
            return Problems.Unprocessable(
                "Products not orderable",
                $"Only Active products can be ordered: {string.Join("; ", refused)}.",
                new Dictionary<string, object?> { ["products"] = refused });
        }

        var order = new Order
        {
            Id = Guid.CreateVersion7(),
            CustomerId = request.CustomerId!.Trim(),
            CustomerName = request.CustomerName!.Trim(),
            CustomerEmail = request.CustomerEmail!.Trim(),
            ShippingAddress = request.ShippingAddress!.Trim(),
            CreatedAt = time.GetUtcNow(),
            Lines = lines.Select(l => new OrderLine
            {
                ProductId = l.ProductId,
                Quantity = l.Quantity,
                UnitPrice = replicas[l.ProductId].Price,
                ProductSku = replicas[l.ProductId].Sku,
                ProductName = replicas[l.ProductId].Name,
            }).ToList(),
        };
        db.Orders.Add(order);
        db.AuditEntries.Add(AuditEntry.Of(user.Actor(), "place", "order", order.Id, order.CreatedAt, $"{order.Lines.Count} line(s)"));
        if (remembered is not null)
        {
            remembered.OrderId = order.Id;
            db.IdempotentRequests.Add(remembered);

            // Keys are kept 24 hours; whoever adds one clears out the expired ones (an index range).
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            await db.IdempotentRequests.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (remembered is not null)
        {
            // A concurrent retry with the same key committed first: answer with its order.
            db.ChangeTracker.Clear();
            if (await ReplayAsync(remembered, db, http, time, cancellationToken) is { } replay)
            {
                return replay;
            }

            throw;
        }

        logger.LogInformation("Order {OrderId} placed for customer {CustomerToken} with {LineCount} lines", order.Id, tokens.Customer(order.CustomerId), order.Lines.Count);
        var statuses = replicas.ToDictionary(r => r.Key, r => r.Value.Status);
        return TypedResults.Created($"/orders/{order.Id}", ToResponse(order, statuses));
    }

    /// <summary>
    /// The answer to a request whose key this caller used before: the first order for the same request,
    /// 422 for a different one. Null when the key is new, or old enough to be forgotten (then it is removed).
    /// </summary>
    private static async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>?> ReplayAsync(
        IdempotentRequest request, OrdersDbContext db, HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        var earlier = await db.IdempotentRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Caller == request.Caller && r.Key == request.Key, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (earlier.ExpiresAt <= now)
        {
            await db.IdempotentRequests.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        if (earlier.RequestHash != request.RequestHash)
        {
            return Problems.Unprocessable(
                "Idempotency key reused",
                $"The {IdempotentRequest.Header} '{request.Key}' was used for a different request within the last {IdempotentRequest.KeptFor.TotalHours:0} hours; use a new key for a new order.");
        }

        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == earlier.OrderId, cancellationToken);
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/orders/{order.Id}", ToResponse(order, await CurrentStatusesAsync(db, [order], cancellationToken)));
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetOrder(
        Guid id, ClaimsPrincipal user, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

        // A customer's token sees only that customer's orders; another customer's order is as good as absent.
        if (order is null || (user.CustomerId() is { } customer && customer != order.CustomerId))
        {
            return Problems.NotFound("Order not found", $"No order has id {id}.");
        }

        return TypedResults.Ok(ToResponse(order, await CurrentStatusesAsync(db, [order], cancellationToken)));
    }

    public static async Task<Results<Ok<Page<OrderResponse>>, ValidationProblem, ProblemHttpResult>> ListCustomerOrders(
        string? customerId, string? after, int? limit, ClaimsPrincipal user, OrdersDbContext db, CancellationToken cancellationToken)
    {
        if (user.CustomerId() is { } own)
        {
            customerId ??= own;
            if (customerId.Trim() != own)
            {
                return Problems.Forbidden(Scopes.OrdersRead, "Listing another customer's orders");
            }
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(customerId))
        {
            errors["customerId"] = ["Give the customer whose orders to list."];
        }

        var size = Paging.Limit(limit, errors);
        var key = Paging.After(after, parts: 2, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Newest first. SQLite cannot order by DateTimeOffset, so the customer's order keys (two small
        // columns, from the CustomerId index) are ordered here, and only the page's orders are loaded whole.
        var customer = customerId!.Trim();
        var keys = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == customer)
            .Select(o => new { o.Id, o.CreatedAt })
            .ToListAsync(cancellationToken);
        var window = Paging.InMemory(
            keys.OrderByDescending(k => k.CreatedAt.UtcTicks).ThenByDescending(k => k.Id.ToString(), StringComparer.Ordinal),
            k => OrderKey(k.CreatedAt, k.Id), key, size, NewestFirst);
        var ids = window.Items.Select(k => k.Id).ToList();
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines)
            .Where(o => ids.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        var page = ids.Select(id => orders[id]).ToList();
        var statuses = await CurrentStatusesAsync(db, page, cancellationToken);
        return TypedResults.Ok(new Page<OrderResponse>([.. page.Select(o => ToResponse(o, statuses))], window.Next));
    }

    /// <summary>The creation time's ticks, fixed-width so that ordinal order is time order, then the id.</summary>
    private static string[] OrderKey(DateTimeOffset createdAt, Guid id) => [createdAt.UtcTicks.ToString("D20", CultureInfo.InvariantCulture), id.ToString()];

    private static readonly IComparer<string[]> NewestFirst = Comparer<string[]>.Create((a, b) => Paging.Ordinal.Compare(b, a));

    public static Task<Results<Ok<OrderResponse>, ProblemHttpResult>> FulfillOrder(
        Guid id, ClaimsPrincipal user, OrdersDbContext db, TimeProvider time, ILogger<Order> logger, CancellationToken cancellationToken) =>
        CloseOrderAsync(id, OrderStatus.Fulfilled, user.Actor(), db, time, logger, cancellationToken);

    public static Task<Results<Ok<OrderResponse>, ProblemHttpResult>> CancelOrder(
        Guid id, ClaimsPrincipal user, OrdersDbContext db, TimeProvider time, ILogger<Order> logger, CancellationToken cancellationToken) =>
        CloseOrderAsync(id, OrderStatus.Cancelled, user.Actor(), db, time, logger, cancellationToken);

    public static async Task<Results<Ok<OpenOrdersResponse>, ProblemHttpResult>> ReleaseProduct(Guid id, OrdersDbContext db, CancellationToken cancellationToken)
    {
        // Order history keeps its lines, so any order, open or closed, holds the product.
        var referencing = await db.Orders.CountAsync(o => o.Lines.Any(l => l.ProductId == id), cancellationToken);
        return referencing == 0
            ? TypedResults.Ok(new OpenOrdersResponse(id, 0))
            : Problems.Conflict("Product still referenced", $"{referencing} order(s) reference product {id}; deleting it would orphan their lines.");
    }

    public static async Task<Results<Ok<OpenOrdersResponse>, ValidationProblem>> CountOpenOrders(
        Guid? productId, OrdersDbContext db, CancellationToken cancellationToken)
    {
        if (productId is not { } id || id == Guid.Empty)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["productId"] = ["Give the product to count open orders for."] });
        }

        var open = await db.Orders.CountAsync(o => o.Status == OrderStatus.Open && o.Lines.Any(l => l.ProductId == id), cancellationToken);
        return TypedResults.Ok(new OpenOrdersResponse(id, open));
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> CloseOrderAsync(
        Guid id, OrderStatus outcome, string actor, OrdersDbContext db, TimeProvider time, ILogger<Order> logger, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var order = await db.Orders.Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (order is null)
            {
                return Problems.NotFound("Order not found", $"No order has id {id}.");
            }

            var (changed, refusal) = order.Close(outcome, time.GetUtcNow());
            if (refusal is not null)
            {
                return Problems.Conflict($"Order cannot be {outcome.ToString().ToLowerInvariant()}", refusal);
            }

            if (changed)
            {
                db.AuditEntries.Add(AuditEntry.Of(actor, outcome == OrderStatus.Fulfilled ? "fulfill" : "cancel", "order", order.Id, order.ClosedAt ?? time.GetUtcNow()));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateConcurrencyException) when (attempt < MaxCloseAttempts)
                {
                    // Closed by someone else since it was read: decide again on the order as it is now.
                    db.ChangeTracker.Clear();
                    continue;
                }

                logger.LogInformation("Order {OrderId} is now {Status}", order.Id, order.Status);
            }

            return TypedResults.Ok(ToResponse(order, await CurrentStatusesAsync(db, [order], cancellationToken)));
        }
    }

    /// <summary>A close re-reads at most this often before it answers 409 with Retry-After.</summary>
    private const int MaxCloseAttempts = 3;

    private static Task<Dictionary<Guid, ProductStatus>> CurrentStatusesAsync(
        OrdersDbContext db, IReadOnlyCollection<Order> orders, CancellationToken cancellationToken)
    {
        var productIds = orders.SelectMany(o => o.Lines).Select(l => l.ProductId).Distinct().ToList();
        return db.ProductReplicas.AsNoTracking()
            .Where(p => productIds.Contains(p.ProductId))
            .ToDictionaryAsync(p => p.ProductId, p => p.Status, cancellationToken);
    }

    private static OrderResponse ToResponse(Order order, IReadOnlyDictionary<Guid, ProductStatus> currentStatuses) => new(
        order.Id,
        order.CustomerId,
        order.CustomerName,
        order.CustomerEmail,
        order.ShippingAddress,
        order.CreatedAt,
        order.Status,
        order.ClosedAt,
        order.Lines.Sum(l => l.UnitPrice * l.Quantity),
        order.Lines
            .Select(l => new OrderLineResponse(l.ProductId, l.ProductSku, l.ProductName, l.Quantity, l.UnitPrice, currentStatuses[l.ProductId]))
            .ToList());
}
