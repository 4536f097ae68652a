using System.Globalization;
using MassTransit;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.CatalogService.Reviews;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Privacy;

/// <summary>
/// Deletes the customer's reviews, records the deletion in the audit trail, then confirms with
/// <c>CustomerErasureCompleted</c>. The deletion commits before the confirmation is published, and a
/// redelivery deletes nothing more and confirms again, so a crash between the two loses nothing and a
/// duplicate changes nothing. The count confirmed is the request's, not the delivery's: when the
/// confirmation of an earlier delivery was lost, the audit trail still says what that one removed.
/// </summary>
public sealed class CustomerErasureRequestedConsumer(
    IReviewStore reviews,
    IAuditTrail audit,
    TimeProvider time,
    ConsumerIdentity consumer,
    SubjectTokens tokens,
    ILogger<CustomerErasureRequestedConsumer> logger)
    : IConsumer<CustomerErasureRequested>
{
    public const string Actor = "erasureservice (CustomerErasureRequested event)";

    /// <summary>The audit action of one delivery that erased reviews; its detail begins with how many.</summary>
    public const string Action = "erase-reviews";

    public async Task Consume(ConsumeContext<CustomerErasureRequested> context)
    {
        var request = context.Message;
        if (request.SubjectType != PrivacySetup.Customer)
        {
            return; // The catalog declares no other subject's data, so it is no target of this request.
        }

        var token = tokens.Of(request.SubjectType, request.SubjectId);
        var removed = await reviews.RemoveReviewsOfCustomerAsync(request.SubjectId, context.CancellationToken);
        var earlier = (await audit.ListAsync(request.RequestId.ToString(), after: null, take: 100, context.CancellationToken))
            .Where(e => e.Action == Action).ToList();
        if (removed > 0 || earlier.Count == 0)
        {
            await audit.AppendAsync(
                AuditEntry.Of(Actor, Action, "erasure-request", request.RequestId, time.GetUtcNow(), $"{removed} review(s) of customer {token} removed"),
                context.CancellationToken);
        }

        var total = removed + earlier.Sum(e => CountOf(e.Detail));
        logger.LogInformation(
            "Erasure request {ErasureRequestId}: removed {Count} review(s) of customer {CustomerToken} ({Total} for the request)",
            request.RequestId, removed, token, total);
        await context.Publish(new CustomerErasureCompleted(request.RequestId, consumer.Name, total), context.CancellationToken);
    }

    private static int CountOf(string? detail) =>
        detail is not null && int.TryParse(detail.AsSpan(0, Math.Max(0, detail.IndexOf(' ', StringComparison.Ordinal))), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 0;
}
