using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.BuildingBlocks.Storage;
using ProductCatalogOrders.OrderService.Orders;

namespace ProductCatalogOrders.OrderService.Privacy;

/// <summary>ErasureService's synchronous target and its verification, for the <c>service</c> scope only.</summary>
public static class CustomerErasureApi
{
    public static IEndpointRouteBuilder MapCustomerErasureApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/customers/{id}").WithTags("Privacy").RequireAuthorization(Scopes.Service);
        customers.MapPost("/erasure", EraseCustomer).WithName(nameof(EraseCustomer))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Anonymises the customer's orders in one transaction: name, email and address removed, the id replaced by a keyed token. Idempotent; 409 while an order is Open.");
        customers.MapGet("/personal-data", CountCustomerPersonalDataInOrders).WithName(nameof(CountCustomerPersonalDataInOrders))
            .WithSummary("How many orders, and personal fields in them, still hold the customer's data, under the id or its token: counts only.");
        return app;
    }

    public static async Task<Results<Ok<ErasureOutcome>, ValidationProblem, ProblemHttpResult>> EraseCustomer(
        string id, ClaimsPrincipal user, OrdersDbContext db, SubjectTokens tokens, TimeProvider time, ILogger<Order> logger, CancellationToken cancellationToken)
    {
        if (Invalid(id) is { } invalid)
        {
            return invalid;
        }

        var customer = id.Trim();
        var token = tokens.Customer(customer);
        var orders = await db.Orders.Where(o => o.CustomerId == customer).ToListAsync(cancellationToken);
        var open = orders.Count(o => o.Status == OrderStatus.Open);
        if (open > 0)
        {
            return Problems.Conflict("Open orders", $"{open} open order(s) still need the customer's shipping address; fulfil or cancel them first.");
        }

        foreach (var order in orders)
        {
            order.Anonymise(token);
        }

        if (orders.Count > 0)
        {
            db.AuditEntries.Add(AuditEntry.Of(user.Actor(), "erase-customer", "customer", token, time.GetUtcNow(), $"{orders.Count} order(s) anonymised"));
            await db.SaveChangesAsync(cancellationToken);
            await SqliteErasure.CheckpointAsync(db, cancellationToken);
        }

        logger.LogInformation("Customer {CustomerToken} erased: {Count} order(s) anonymised", token, orders.Count);
        return TypedResults.Ok(new ErasureOutcome(OrderServiceApp.Name, PrivacySetup.Customer, orders.Count));
    }

    public static async Task<Results<Ok<PersonalDataCount>, ValidationProblem>> CountCustomerPersonalDataInOrders(
        string id, OrdersDbContext db, SubjectTokens tokens, CancellationToken cancellationToken)
    {
        if (Invalid(id) is { } invalid)
        {
            return invalid;
        }

        var customer = id.Trim();
        var token = tokens.Customer(customer);
        var left = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == customer || o.CustomerId == token)
            .Select(o => new { o.CustomerId, o.CustomerName, o.CustomerEmail, o.ShippingAddress, o.Status })
            .ToListAsync(cancellationToken);
        var fields = left.Select(o => (o.CustomerId == customer ? 1 : 0)
            + new[] { o.CustomerName, o.CustomerEmail, o.ShippingAddress }.Count(f => f.Length > 0)).ToList();
        var open = left.Count(o => o.CustomerId == customer && o.Status == OrderStatus.Open);
        IReadOnlyList<string> blockers = open > 0 ? [$"{open} open order(s) still need the shipping address."] : [];
        return TypedResults.Ok(new PersonalDataCount(OrderServiceApp.Name, PrivacySetup.Customer, fields.Count(f => f > 0), fields.Sum(), blockers));
    }

    private static ValidationProblem? Invalid(string id) =>
        string.IsNullOrWhiteSpace(id) || id.Trim().Length > OrderRules.MaxCustomerIdLength || TextInput.HasControlCharacters(id)
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"A customer id of 1 to {OrderRules.MaxCustomerIdLength} characters, without control characters."] })
            : null;
}
