using MassTransit;
using ProductCatalogOrders.BuildingBlocks.Messaging;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.CatalogService.Reviews;
using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.CatalogService.Privacy;

/// <summary>
/// Deletes the customer's reviews, then confirms with <c>CustomerErasureCompleted</c>. The deletion
/// commits before the confirmation is published, and a redelivery deletes nothing more and confirms
/// again, so a crash between the two loses nothing and a duplicate changes nothing.
/// </summary>
public sealed class CustomerErasureRequestedConsumer(
    IReviewStore reviews, ConsumerIdentity consumer, SubjectTokens tokens, ILogger<CustomerErasureRequestedConsumer> logger)
    : IConsumer<CustomerErasureRequested>
{
    public async Task Consume(ConsumeContext<CustomerErasureRequested> context)
    {
        var request = context.Message;
        if (request.SubjectType != PrivacySetup.Customer)
        {
            return; // The catalog declares no other subject's data, so it is no target of this request.
        }

        var removed = await reviews.RemoveReviewsOfCustomerAsync(request.SubjectId, context.CancellationToken);
        logger.LogInformation(
            "Erasure request {ErasureRequestId}: removed {Count} review(s) of customer {CustomerToken}",
            request.RequestId, removed, tokens.Of(request.SubjectType, request.SubjectId));
        await context.Publish(new CustomerErasureCompleted(request.RequestId, consumer.Name, removed), context.CancellationToken);
    }
}
