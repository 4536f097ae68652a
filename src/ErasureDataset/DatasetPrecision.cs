namespace ProductCatalogOrders.ErasureDataset;

/// <summary>The dataset keeps <c>occurred_at</c> to the millisecond (see the schema in <c>ErasureEventRow</c> for why).</summary>
public static class DatasetPrecision
{
    /// <summary>A time as the dataset will read it back: truncated to whole milliseconds, in UTC.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }
}
