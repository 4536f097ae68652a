using ProductCatalogOrders.ErasureDataset.Writing;

namespace ProductCatalogOrders.ErasureDatasetWriterProcess;

/// <summary>
/// The real cursor file, except that before the first save that would move the cursor past a batch, it
/// says so on standard output and waits for ever: the batch's files are in place and the cursor is not,
/// and the test kills the process right there.
/// </summary>
public sealed class PausingCursorStore(IWriterCursorStore inner) : IWriterCursorStore
{
    public const string Signal = "IN-CRASH-WINDOW";

    public Task<WriterCursor> LoadAsync(CancellationToken cancellationToken) => inner.LoadAsync(cancellationToken);

    public async Task SaveAsync(WriterCursor cursor, CancellationToken cancellationToken)
    {
        if (cursor.Batch is null)
        {
            Console.Out.WriteLine(Signal);
            Console.Out.Flush();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        await inner.SaveAsync(cursor, cancellationToken);
    }
}
