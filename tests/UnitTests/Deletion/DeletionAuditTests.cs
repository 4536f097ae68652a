using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ProductCatalogOrders.ProductService.Deletion;

namespace ProductCatalogOrders.UnitTests.Deletion;

public sealed class DeletionAuditTests
{
    [Fact]
    public void Each_step_is_logged_when_requested_and_when_completed_with_its_structured_fields()
    {
        var collector = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(collector)));
        var audit = new DeletionAudit(loggers);
        var productId = Guid.NewGuid();

        audit.Requested(DeletionSteps.Purge, productId, "counsel");
        audit.Completed(DeletionSteps.Purge, productId, "SKU-1", "counsel", "refused", "retention=failed, authorization=passed");

        var entries = collector.GetSnapshot();
        Assert.All(entries, e => Assert.Equal(DeletionAudit.Category, e.Category));
        Assert.Equal(2, entries.Count);
        var completed = entries[1];
        Assert.Equal("purge", completed.GetStructuredStateValue("Step"));
        Assert.Equal(productId.ToString(), completed.GetStructuredStateValue("ProductId"));
        Assert.Equal("SKU-1", completed.GetStructuredStateValue("Sku"));
        Assert.Equal("counsel", completed.GetStructuredStateValue("Actor"));
        Assert.Equal("refused", completed.GetStructuredStateValue("Outcome"));
        Assert.Equal("retention=failed, authorization=passed", completed.GetStructuredStateValue("Checks"));
    }
}
