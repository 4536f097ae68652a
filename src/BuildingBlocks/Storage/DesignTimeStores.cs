using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ProductCatalogOrders.BuildingBlocks.Storage;

/// <summary>
/// Lets <c>dotnet ef</c> build a provider's context without a running host or a server: generating
/// migrations needs the model and the provider, never a connection. A service declares one small
/// subclass per provider context.
/// </summary>
public abstract class SqliteDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create(new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <inheritdoc cref="SqliteDesignTimeFactory{TContext}"/>
public abstract class SqlServerDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        DesignTimeContext.Create(new DbContextOptionsBuilder<TContext>().UseSqlServer("Server=design-time;Database=design-time").Options);
}

internal static class DesignTimeContext
{
    public static TContext Create<TContext>(DbContextOptions<TContext> options) where TContext : DbContext =>
        (TContext)Activator.CreateInstance(typeof(TContext), options)!;
}
