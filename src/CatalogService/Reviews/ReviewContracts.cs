namespace ProductCatalogOrders.CatalogService.Reviews;

public sealed record AddReviewRequest(Guid? ProductId, string? CustomerId, int? Rating, string? Text);

/// <summary>A review as anyone sees it: rating and text, never who wrote it.</summary>
public sealed record ReviewResponse(Guid Id, Guid ProductId, int Rating, string Text, DateTimeOffset CreatedAt);

/// <summary>A review as staff or its own customer sees it.</summary>
public sealed record CustomerReviewResponse(Guid Id, Guid ProductId, string CustomerId, int Rating, string Text, DateTimeOffset CreatedAt);
