using Microsoft.EntityFrameworkCore;

namespace ProductCatalogOrders.BuildingBlocks.Outbox;

/// <summary>A service DbContext that owns an outbox table.</summary>
public interface IOutboxContext
{
    DbSet<OutboxMessage> OutboxMessages { get; }
}
