namespace ProductCatalogOrders.ErasureDataset.Retention.Checks;

/// <summary>
/// Nothing is scheduled to be written into the folder: no event that the source holds and the writer
/// has not written yet (an interrupted batch included) falls on its day. A source that cannot be read
/// refuses, through <see cref="DatasetFolderChecks"/>.
/// </summary>
public sealed class SchedulingCheck : IDatasetFolderCheck
{
    public string Name => "scheduling";

    public async Task<CheckVerdict> EvaluateAsync(DatasetFolderCheckContext context, CancellationToken cancellationToken)
    {
        var pending = await context.PendingDays.GetAsync(cancellationToken);
        return pending.TryGetValue(context.Folder.Date, out var count)
            ? CheckVerdict.Fail(Name, $"{count} event(s) not yet written fall on {context.Folder.Date:yyyy-MM-dd}.")
            : CheckVerdict.Pass(Name, $"None of the {pending.Values.Sum()} event(s) not yet written falls on this day.");
    }
}
