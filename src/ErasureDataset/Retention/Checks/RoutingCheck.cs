using ProductCatalogOrders.ErasureDataset.Layout;

namespace ProductCatalogOrders.ErasureDataset.Retention.Checks;

/// <summary>Nothing is routed to the folder: it is not today's (UTC), where the writer puts every new event, nor a later day's.</summary>
public sealed class RoutingCheck : IDatasetFolderCheck
{
    public string Name => "routing";

    public Task<CheckVerdict> EvaluateAsync(DatasetFolderCheckContext context, CancellationToken cancellationToken)
    {
        var today = DayFolder.DayOf(context.Now);
        return Task.FromResult(context.Folder.Date >= today
            ? CheckVerdict.Fail(Name, $"New events are routed to it: it is the folder of {context.Folder.Date:yyyy-MM-dd} and today is {today:yyyy-MM-dd} (UTC).")
            : CheckVerdict.Pass(Name, $"Not today's folder ({today:yyyy-MM-dd}, UTC)."));
    }
}
