namespace ProductCatalogOrders.ErasureDataset;

/// <summary>The dataset keeps <c>occurred_at</c> to the microsecond, the finest unit every Parquet reader shares.</summary>
public static class DatasetPrecision
{
    /// <summary>A time as the dataset will read it back: truncated to whole microseconds, in UTC.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
    }
}
