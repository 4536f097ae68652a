namespace ProductCatalogOrders.Contracts;

/// <summary>Common shape of every product event: consumers apply it only when <see cref="Version"/> is newer than their copy.</summary>
public interface IProductEvent
{
    Guid ProductId { get; }
    long Version { get; }
    DateTimeOffset OccurredAt { get; }
    ProductState Product { get; }
}
