using ProductCatalogOrders.BuildingBlocks.Messaging.ErrorQueues;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.ErasureDataset.Retention;
using ProductCatalogOrders.BuildingBlocks.Audit;
using ProductCatalogOrders.BuildingBlocks.Hosting;
using ProductCatalogOrders.ErasureService.LegalHolds;
using ProductCatalogOrders.ErasureService.Requests;
using ProductCatalogOrders.ErasureService.Targets;

namespace ProductCatalogOrders.ErasureService;

/// <summary>
/// Carries a request to forget a subject through every service that holds its personal data, and
/// proves it finished: a ledger row per target, checks first, synchronous calls and asynchronous
/// events, confirmations, and verification.
/// </summary>
public static class ErasureServiceApp
{
    public const string Name = "erasure";

    /// <param name="overrideServices">Replaces registrations after the service's own, for hosts such as tests (a clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrideServices = null) =>
        ServiceApplication.Build(
            typeof(ErasureServiceApp),
            args,
            builder => builder.AddApplicationServices(),
            app =>
            {
                app.MapErasureRequestsApi();
                app.MapLegalHoldsApi();
                app.MapInventoryApi();
                app.MapAuditApi();
                app.MapDatasetRetention();
                app.MapErrorQueueApi();
                app.MapParkedOutboxApi();
            },
            overrideServices);
}
