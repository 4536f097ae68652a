using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Storage;

namespace ProductCatalogOrders.ErasureService.Storage;

/// <summary>The erasure store on SQLite (local profile); owns Storage/Migrations/Sqlite.</summary>
public sealed class SqliteErasureDbContext(DbContextOptions<SqliteErasureDbContext> options) : ErasureDbContext(options);

internal sealed class SqliteErasureDesignTimeFactory : SqliteDesignTimeFactory<SqliteErasureDbContext>;
