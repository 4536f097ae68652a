using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProductCatalogOrders.UnitTests;

/// <summary>
/// What each service's shipped appsettings.json lets through, read the way the host reads it: no SQL text
/// or per-request lines in production logs, and the audit trail always at Information.
/// </summary>
public sealed class ShippedLoggingTests
{
    public static TheoryData<string> Services => ["ProductService", "CatalogService", "OrderService", "ErasureService"];

    [Theory]
    [MemberData(nameof(Services))]
    public void Shipped_levels_keep_sql_text_and_request_lines_out_and_the_audit_in(string service)
    {
        using var loggers = LoggersFor(ShippedSettings(service));

        Assert.False(Enabled(loggers, "Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information), "EF Core's command text");
        Assert.False(Enabled(loggers, "Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Information), "a line per request");
        Assert.False(Enabled(loggers, "System.Net.Http.HttpClient.ProductService.LogicalHandler", LogLevel.Information), "a line per outgoing call");
        Assert.False(Enabled(loggers, "MassTransit.ReceiveTransport", LogLevel.Information), "a line per message");
        Assert.True(Enabled(loggers, "Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning), "EF Core's warnings");
        Assert.True(Enabled(loggers, "ProductCatalogOrders.Audit.Deletion", LogLevel.Information), "the audit trail");
        Assert.True(Enabled(loggers, "Microsoft.Hosting.Lifetime", LogLevel.Information), "the start-up lines");
    }

    [Fact]
    public void The_audit_trail_stays_at_information_when_an_operator_quiets_everything_else()
    {
        var settings = new ConfigurationBuilder()
            .AddJsonFile(ShippedSettings("ProductService"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" }) // as Logging__LogLevel__Default would
            .Build();
        using var loggers = LoggersFor(settings);

        Assert.False(Enabled(loggers, "ProductCatalogOrders.Outbox", LogLevel.Warning));
        Assert.True(Enabled(loggers, "ProductCatalogOrders.Audit.Deletion", LogLevel.Information));
    }

    private static string ShippedSettings(string service)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ProductCatalogOrders.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        var file = Path.Combine(folder.FullName, "src", service, "appsettings.json");
        Assert.True(File.Exists(file), $"{service} ships no appsettings.json");
        return file;
    }

    private static ServiceProvider LoggersFor(string file) =>
        LoggersFor(new ConfigurationBuilder().AddJsonFile(file).Build());

    private static ServiceProvider LoggersFor(IConfiguration settings) =>
        new ServiceCollection()
            .AddLogging(logging => logging.AddConfiguration(settings.GetSection("Logging")).AddProvider(new EverythingProvider()))
            .BuildServiceProvider();

    private static bool Enabled(ServiceProvider loggers, string category, LogLevel level) =>
        loggers.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(level);

    /// <summary>A provider that would write everything, so only the configured filters decide.</summary>
    private sealed class EverythingProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Everything();

        public void Dispose()
        {
        }

        private sealed class Everything : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
