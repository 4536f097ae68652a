namespace ProductCatalogOrders.ErasureDataset;

/// <summary>
/// Within one process, a batch being written and a day folder being deleted never overlap. Across
/// processes the <c>_writing</c> marker in each day folder says the same thing to the retention's
/// upstream check.
/// </summary>
public sealed class DatasetWriteLock
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
