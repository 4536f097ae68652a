using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Security;
using RabbitMQ.Client.Exceptions;

namespace ProductCatalogOrders.BuildingBlocks.Messaging.ErrorQueues;

/// <summary>One of this service's error queues, as <c>GET /messaging/error-queues</c> lists it.</summary>
public sealed record ErrorQueueResponse(string Queue, uint Messages);

/// <summary>What <c>POST /messaging/error-queues/{queue}/redrive</c> did.</summary>
public sealed record RedriveResponse(string Queue, string Target, int Moved);

/// <summary>
/// Poison messages, for operators (<c>admin</c>): list this service's error queues with their counts,
/// and move a queue's messages back to the endpoint they failed on once the cause is fixed.
/// </summary>
public static class ErrorQueueApi
{
    public static IEndpointRouteBuilder MapErrorQueueApi(this IEndpointRouteBuilder app)
    {
        var queues = app.MapGroup("/messaging/error-queues").WithTags("Messaging").RequireAuthorization(Scopes.Admin);
        queues.MapGet("/", ListErrorQueues).WithName(nameof(ListErrorQueues)).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("This service's error queues (one per receive endpoint) with the messages each holds.");
        queues.MapPost("/{queue}/redrive", RedriveErrorQueue).WithName(nameof(RedriveErrorQueue))
            .RequireRateLimiting(Policies.DestructiveRateLimit)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Moves every message in the error queue at the start of the call back to its endpoint; a message that fails again returns to the error queue.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<ErrorQueueResponse>>, ProblemHttpResult>> ListErrorQueues(
        ErrorQueueBroker broker, CancellationToken cancellationToken)
    {
        try
        {
            var counts = await broker.CountAsync(cancellationToken);
            return TypedResults.Ok<IReadOnlyList<ErrorQueueResponse>>([.. counts.Select(c => new ErrorQueueResponse(c.Queue, c.Messages))]);
        }
        catch (Exception exception) when (IsBrokerFailure(exception))
        {
            return BrokerUnavailable(exception);
        }
    }

    public static async Task<Results<Ok<RedriveResponse>, ProblemHttpResult>> RedriveErrorQueue(
        string queue, ClaimsPrincipal user, ErrorQueueBroker broker, ErrorQueueAudit audit, IServiceProvider services,
        CancellationToken cancellationToken)
    {
        if (!broker.IsOwn(queue))
        {
            return Problems.NotFound("Not an error queue of this service",
                $"'{queue}' is not one of this service's error queues; GET /messaging/error-queues lists them.");
        }

        var actor = user.Actor();
        audit.Requested(queue, actor);
        try
        {
            // Not cancelled with the request: once messages move, the move and its audit entry complete.
            var result = await broker.RedriveAsync(queue, CancellationToken.None);
            audit.Completed(result.Queue, actor, result.Moved, result.Target);
            await audit.RecordAsync(services.GetService<IAuditContext>(), actor, result, CancellationToken.None);
            return TypedResults.Ok(new RedriveResponse(result.Queue, result.Target, result.Moved));
        }
        catch (Exception exception) when (IsBrokerFailure(exception))
        {
            audit.Failed(queue, actor, exception.Message);
            return BrokerUnavailable(exception);
        }
    }

    private static bool IsBrokerFailure(Exception exception) =>
        exception is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException or PublishException
            or ConnectFailureException or TimeoutException;

    private static ProblemHttpResult BrokerUnavailable(Exception exception) =>
        Problems.ServiceUnavailable("Broker unavailable",
            $"The broker did not complete the operation ({exception.Message}); messages not yet confirmed stay in the error queue.");
}
