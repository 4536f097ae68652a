namespace ProductCatalogOrders.ErasureService.LegalHolds;

/// <summary>A legal hold on a subject: while it is set, no erasure of the subject touches any target.</summary>
public sealed class SubjectLegalHold
{
    public const int MaxReasonLength = 500;

    public required string SubjectType { get; set; }

    public required string SubjectId { get; set; }

    public required string Reason { get; set; }

    public required string SetBy { get; set; }

    public DateTimeOffset SetAt { get; set; }
}
