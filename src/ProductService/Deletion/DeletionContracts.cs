using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ProductService.Deletion.Checks;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.ProductService.Deletion;

public sealed record LegalHoldRequest(string? Reason);

public sealed record ConsumerConfirmationResponse(string Consumer, bool Confirmed, DateTimeOffset? ConfirmedAt);

/// <summary>
/// Where a product's deletion stands: its status and windows, each consumer's confirmation of the
/// decommission and, once purged, of the purge; what is pending in the current step (the confirmations
/// still missing, while Decommissioning or Purged); and the purge checks now. A purge is complete
/// (<see cref="PurgeCompletedAt"/>) when every registered consumer has confirmed it.
/// </summary>
public sealed record DeletionStatusResponse(
    Guid ProductId,
    string Sku,
    ProductStatus Status,
    long Version,
    DateTimeOffset? DecommissionedAt,
    DateTimeOffset? DecommissionCompletedAt,
    DateTimeOffset? RestorableUntil,
    DateTimeOffset? RetainedUntil,
    DateTimeOffset? PurgedAt,
    LegalHoldResponse? LegalHold,
    IReadOnlyList<ConsumerConfirmationResponse> Consumers,
    IReadOnlyList<string> Pending,
    IReadOnlyList<CheckVerdict> Checks,
    IReadOnlyList<ConsumerConfirmationResponse> PurgeConfirmations,
    DateTimeOffset? PurgeCompletedAt);

/// <summary>The answer to a purge or its dry run: whether it is (or would be) allowed, and every check's verdict.</summary>
public sealed record PurgeResponse(bool DryRun, bool Allowed, ProductResponse Product, IReadOnlyList<CheckVerdict> Checks);

/// <summary>A deletion still in its DELETING step.</summary>
public sealed record DeletionSummary(Guid ProductId, string Sku, ProductStatus Status, DateTimeOffset? DecommissionedAt, IReadOnlyList<string> Pending);
