using Microsoft.Data.SqlClient;
using ProductCatalogOrders.TestSupport;
using Testcontainers.MsSql;

namespace ProductCatalogOrders.StoreContractTests.Fixtures;

/// <summary>One SQL Server container for the whole run, where a Docker engine answers; each test gets a database of its own.</summary>
public sealed class SqlServerServer : IAsyncLifetime
{
    private MsSqlContainer? _container;

    /// <summary>Why the SQL Server suites are skipped here; null when the server runs.</summary>
    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (await DockerEngine.UnavailableReasonAsync() is { } reason)
        {
            SkipReason = $"SQL Server suites need a Docker engine for Testcontainers.MsSql: {reason}";
            return;
        }

        _container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
        await _container.StartAsync();
    }

    /// <summary>A connection string for a database that does not exist yet; migrating creates it.</summary>
    public string NewDatabase() =>
        new SqlConnectionStringBuilder(_container!.GetConnectionString()) { InitialCatalog = $"contract_{Guid.NewGuid():N}" }.ToString();

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
