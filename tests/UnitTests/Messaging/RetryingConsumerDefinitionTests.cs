using MassTransit;
using Microsoft.Extensions.Configuration;
using ProductCatalogOrders.BuildingBlocks;
using ProductCatalogOrders.BuildingBlocks.Messaging;

namespace ProductCatalogOrders.UnitTests.Messaging;

public sealed class RetryingConsumerDefinitionTests
{
    [Fact]
    public void Concurrency_comes_from_configuration_with_the_measured_default()
    {
        Assert.Equal(RetryingConsumerDefinition<Nothing>.Concurrency, new RetryingConsumerDefinition<Nothing>(Settings()).ConcurrentMessageLimit);
        Assert.Equal(8, new RetryingConsumerDefinition<Nothing>(Settings((RetryingConsumerDefinition<Nothing>.ConcurrencySetting, "8"))).ConcurrentMessageLimit);
    }

    [Theory]
    [InlineData("Messaging:ConcurrentMessageLimit", "0")]
    [InlineData("Messaging:PrefetchCount", "-1")]
    [InlineData("Messaging:PrefetchCount", "20000")]
    public void A_setting_out_of_range_stops_the_start_and_names_itself(string key, string value)
    {
        var failure = Assert.Throws<StartupFailure>(() => new RetryingConsumerDefinition<Nothing>(Settings((key, value))));
        Assert.StartsWith(key + ":", failure.Message);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    public sealed class Nothing : IConsumer<string>
    {
        public Task Consume(ConsumeContext<string> context) => Task.CompletedTask;
    }
}
