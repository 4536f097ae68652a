using System.Security.Claims;
using ProductCatalogOrders.ErasureDataset.Layout;

namespace ProductCatalogOrders.ErasureDataset.Retention.Checks;

/// <summary>What a check may look at: the folder, who asks, when, the retention, and the days of events not yet written.</summary>
public sealed record DatasetFolderCheckContext(
    DayFolder Folder,
    ClaimsPrincipal Caller,
    DateTimeOffset Now,
    TimeSpan Retention,
    PendingEventDays PendingDays);
