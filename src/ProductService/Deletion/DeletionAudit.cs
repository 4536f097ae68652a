using Microsoft.Extensions.Logging;

namespace ProductCatalogOrders.ProductService.Deletion;

/// <summary>
/// The audit trail of the lifecycle: one structured entry when a step is requested and one when it
/// completes, each with the product, its SKU, the actor, the checks and the outcome. Logged under
/// its own category so it can be routed to an audit sink.
/// </summary>
public sealed partial class DeletionAudit(ILoggerFactory loggers)
{
    public const string Category = "ProductCatalogOrders.Audit.Deletion";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Deletion step {Step} requested for product {ProductId} by {Actor}")]
    public partial void Requested(string step, Guid productId, string actor);

    /// <summary>The SKU is known once the product is loaded; an unknown id completes with "unknown".</summary>
    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Deletion step {Step} for product {ProductId} ({Sku}) by {Actor}: {Outcome}; checks: {Checks}")]
    public partial void Completed(string step, Guid productId, string? sku, string actor, string outcome, string checks);
}
