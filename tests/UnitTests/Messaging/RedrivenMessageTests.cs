using System.Text;
using ProductCatalogOrders.BuildingBlocks.Messaging.ErrorQueues;
using RabbitMQ.Client;

namespace ProductCatalogOrders.UnitTests.Messaging;

public sealed class RedrivenMessageTests
{
    private static BasicProperties Faulted(object? redriveCount = null)
    {
        var headers = new Dictionary<string, object?>
        {
            ["MT-Fault-ExceptionType"] = Encoding.UTF8.GetBytes("Microsoft.Data.Sqlite.SqliteException"),
            ["MT-Fault-Message"] = Encoding.UTF8.GetBytes("refused"),
            ["MT-Fault-RetryCount"] = 4,
            ["MT-Reason"] = Encoding.UTF8.GetBytes("fault"),
            ["MT-Host-MachineName"] = Encoding.UTF8.GetBytes("vm"),
            ["Content-Type"] = Encoding.UTF8.GetBytes("application/vnd.masstransit+json"),
            ["traceparent"] = Encoding.UTF8.GetBytes("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        };
        if (redriveCount is not null)
        {
            headers[ErrorQueueBroker.RedriveCountHeader] = redriveCount;
        }

        return new BasicProperties
        {
            MessageId = "3b0f0000-0000-0000-0000-000000000001",
            ContentType = "application/vnd.masstransit+json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
        };
    }

    [Fact]
    public void A_redriven_message_keeps_its_properties_and_headers_but_not_the_fault()
    {
        var retry = ErrorQueueBroker.ForRetry(Faulted());

        Assert.Equal(("3b0f0000-0000-0000-0000-000000000001", "application/vnd.masstransit+json", DeliveryModes.Persistent),
            (retry.MessageId, retry.ContentType, retry.DeliveryMode));
        Assert.Equal(["Content-Type", ErrorQueueBroker.RedriveCountHeader, "traceparent"], retry.Headers!.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null, 1L)]
    [InlineData(2L, 3L)]
    [InlineData(4, 5L)]
    public void Each_redrive_counts_on_the_message(object? before, long after)
    {
        var retry = ErrorQueueBroker.ForRetry(Faulted(before));

        Assert.Equal(after, retry.Headers![ErrorQueueBroker.RedriveCountHeader]);
        Assert.Equal(after, ErrorQueueBroker.RedriveCount(retry));
    }
}
