using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.BuildingBlocks.ProductReplicas;

namespace ProductCatalogOrders.UnitTests;

/// <summary>A real SQLite database in a temporary file, with the outbox and replica tables the services use.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"pco-unit-{Guid.NewGuid():N}.db");

    public TestStore()
    {
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false, DefaultTimeout = 30 }.ToString();
        using var db = CreateContext();
        db.Database.EnsureCreated();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    public string ConnectionString { get; }

    public TestDbContext CreateContext(OutboxSignal? signal = null)
    {
        var options = new DbContextOptionsBuilder<TestDbContext>().UseSqlite(ConnectionString);
        if (signal is not null)
        {
            options.AddInterceptors(new OutboxCommitInterceptor(signal));
        }

        return new TestDbContext(options.Options);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options), IOutboxContext, IProductReplicaContext
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<ProductReplica> ProductReplicas => Set<ProductReplica>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.AddProductReplicas("ProductReplicas");
    }
}
