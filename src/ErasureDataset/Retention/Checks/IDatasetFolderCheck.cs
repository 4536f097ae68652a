namespace ProductCatalogOrders.ErasureDataset.Retention.Checks;

/// <summary>
/// One condition a day folder must meet before it is deleted, as a container deletion: storage,
/// upstream, routing, scheduling, authorization. Adding a check means adding one class and one line in
/// <see cref="ErasureDatasetSetup"/>; they run in registration order, and always all of them.
/// </summary>
public interface IDatasetFolderCheck
{
    /// <summary>A short name shown in verdicts: "storage", "upstream", ...</summary>
    string Name { get; }

    Task<CheckVerdict> EvaluateAsync(DatasetFolderCheckContext context, CancellationToken cancellationToken);
}
