namespace ProductCatalogOrders.ErasureService.Processing;

/// <summary>Wakes the processor when there is new work (a request, a confirmation, a lifted hold), instead of waiting for its poll.</summary>
public sealed class ErasureSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers every notification before it.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
