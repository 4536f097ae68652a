namespace ProductCatalogOrders.ErasureDataset;

/// <summary>
/// <c>Erasure:Dataset</c>: where the dataset lives and how the writer batches; and
/// <c>Erasure:DatasetRetention</c>: how long a day folder is kept.
/// </summary>
public sealed class ErasureDatasetOptions
{
    public const string Section = "Erasure:Dataset";
    public const string RetentionKey = "Erasure:DatasetRetention";

    /// <summary>The folder that holds <c>erasure-events/</c> and the writer's cursor. Relative paths are taken from the working directory.</summary>
    public string Path { get; set; } = "data/erasure-dataset";

    /// <summary>The most events one batch reads from the source; a batch writes one file per (day, service, kind).</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long the writer waits once it has caught up with the source.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A day folder younger than this is kept whatever its checks say (400 days by default).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);
}
