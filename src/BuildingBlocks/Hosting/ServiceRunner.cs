using Microsoft.AspNetCore.Builder;

namespace ProductCatalogOrders.BuildingBlocks.Hosting;

/// <summary>Runs a service until shutdown; a <see cref="StartupFailure"/> becomes one line on stderr and exit code 1.</summary>
public static class ServiceRunner
{
    public static async Task<int> RunAsync(Func<WebApplication> build)
    {
        try
        {
            await using var app = build();
            await app.RunAsync();
            return 0;
        }
        catch (Exception exception) when (FindStartupFailure(exception) is { } failure)
        {
            await Console.Error.WriteLineAsync($"startup failed: {failure.Message}");
            return 1;
        }
    }

    /// <summary>The host may wrap a hosted service's failure; look through the wrappers.</summary>
    public static StartupFailure? FindStartupFailure(Exception? exception) => exception switch
    {
        null => null,
        StartupFailure failure => failure,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindStartupFailure).FirstOrDefault(f => f is not null),
        _ => FindStartupFailure(exception.InnerException),
    };
}
