using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.BuildingBlocks.Storage;

namespace ProductCatalogOrders.ErasureService.Storage;

/// <summary>The erasure store on SQL Server (Aspire profile); owns Storage/Migrations/SqlServer.</summary>
public sealed class SqlServerErasureDbContext(DbContextOptions<SqlServerErasureDbContext> options) : ErasureDbContext(options);

internal sealed class SqlServerErasureDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerErasureDbContext>;
