namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>Waits for an eventually consistent outcome, failing with what was awaited if it never comes.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task<T> MatchAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var last = await probe();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0} s waiting until {what}; last seen: {last}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
            last = await probe();
        }

        return last;
    }
}
