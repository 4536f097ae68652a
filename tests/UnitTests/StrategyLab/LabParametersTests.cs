using ProductCatalogOrders.BuildingBlocks.Strategies;
using ProductCatalogOrders.StrategyLab;

namespace ProductCatalogOrders.UnitTests.StrategyLab;

public sealed class LabParametersTests
{
    [Fact]
    public void No_arguments_run_every_strategy_at_full_size()
    {
        var (parameters, error) = LabParameters.Parse([]);

        Assert.Null(error);
        Assert.Equal(Enum.GetValues<DeletionStrategy>(), parameters!.Strategies);
        Assert.False(parameters.Quick);
        Assert.Equal("lab-results", parameters.OutputDirectory);
        Assert.Equal(200, parameters.LoadPerSecond);
    }

    [Fact]
    public void Load_rate_for_the_propagation_window_under_load_is_an_option()
    {
        var (parameters, error) = LabParameters.Parse(["--quick", "--load-rate", "350"]);

        Assert.Null(error);
        Assert.Equal(350, parameters!.LoadPerSecond);
    }

    [Fact]
    public void Quick_run_with_chosen_strategies_and_folder()
    {
        var (parameters, _) = LabParameters.Parse(["--quick", "--strategies", "justdelete, AsynchronousUpdate", "--out", "out/lab"]);

        Assert.Equal([DeletionStrategy.JustDelete, DeletionStrategy.AsynchronousUpdate], parameters!.Strategies);
        Assert.True(parameters.Quick);
        Assert.True(parameters.Products < 20);
        Assert.Equal("out/lab", parameters.OutputDirectory);
    }

    [Theory]
    [InlineData("--strategies", "JustForget")]
    [InlineData("--strategies")]
    [InlineData("--strategies", ",")]
    [InlineData("--out")]
    [InlineData("--fast")]
    [InlineData("--load-rate", "0")]
    [InlineData("--load-rate", "fast")]
    [InlineData("--load-rate")]
    public void Bad_arguments_are_reported(params string[] args)
    {
        var (parameters, error) = LabParameters.Parse(args);

        Assert.Null(parameters);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task Bad_arguments_print_the_usage_and_exit_with_2()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, await Lab.RunAsync(["--strategies", "JustForget"]));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Contains("unknown strategy 'JustForget'", error.ToString());
        Assert.Contains(LabParameters.Usage, error.ToString());
    }
}
