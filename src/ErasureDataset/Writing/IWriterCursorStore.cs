namespace ProductCatalogOrders.ErasureDataset.Writing;

/// <summary>Where the writer keeps its <see cref="WriterCursor"/>; a save is all or nothing.</summary>
public interface IWriterCursorStore
{
    Task<WriterCursor> LoadAsync(CancellationToken cancellationToken);

    Task SaveAsync(WriterCursor cursor, CancellationToken cancellationToken);
}
