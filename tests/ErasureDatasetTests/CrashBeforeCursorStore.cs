using ProductCatalogOrders.ErasureDataset.Writing;

namespace ProductCatalogOrders.ErasureDatasetTests;

/// <summary>
/// The real cursor file, except that the save which would move the cursor past a batch throws once:
/// the writer stops after its files are in place and before its cursor is, the crash window.
/// </summary>
public sealed class CrashBeforeCursorStore(IWriterCursorStore inner, int crashOnBatch) : IWriterCursorStore
{
    private int _batchesCommitted;

    public bool Crashed { get; private set; }

    public Task<WriterCursor> LoadAsync(CancellationToken cancellationToken) => inner.LoadAsync(cancellationToken);

    public Task SaveAsync(WriterCursor cursor, CancellationToken cancellationToken)
    {
        if (cursor.Batch is null && ++_batchesCommitted == crashOnBatch)
        {
            Crashed = true;
            throw new IOException("Simulated crash between the batch's files and its cursor.");
        }

        return inner.SaveAsync(cursor, cancellationToken);
    }
}
