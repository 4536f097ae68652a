using ProductCatalogOrders.Contracts;

namespace ProductCatalogOrders.ProductService.Products;

/// <summary>
/// The master record of a product and its status transitions. Every change bumps
/// <see cref="Version"/>, which consumers use to order events and drop stale ones.
/// </summary>
public sealed class Product
{
    private Product()
    {
    }

    public Guid Id { get; private set; }

    public string Sku { get; private set; } = "";

    public string Name { get; private set; } = "";

    public decimal Price { get; private set; }

    public ProductStatus Status { get; private set; }

    public long Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the DELETING step began; the restoration and retention windows count from here.</summary>
    public DateTimeOffset? DecommissionedAt { get; private set; }

    public static Product Create(string sku, string name, decimal price, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Sku = sku,
        Name = name,
        Price = price,
        Status = ProductStatus.Active,
        Version = 1,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Only an Active product can change: a product on its way out is frozen.</summary>
    public Transition Update(string name, decimal price, DateTimeOffset now)
    {
        if (Status != ProductStatus.Active)
        {
            return Transition.Refused($"Product {Sku} is {Status}; only Active products can be updated.");
        }

        Name = name;
        Price = price;
        Touch(now);
        return Transition.Applied;
    }

    /// <summary>
    /// Starts the DELETING step. Idempotent: a product already on its way out stays as it is,
    /// with no new version and no new event.
    /// </summary>
    public Transition Decommission(DateTimeOffset now)
    {
        switch (Status)
        {
            case ProductStatus.Decommissioning or ProductStatus.Decommissioned:
                return Transition.AlreadyDone;
            case ProductStatus.Purged:
                return Transition.Refused($"Product {Sku} is already purged.");
        }

        Status = ProductStatus.Decommissioning;
        DecommissionedAt = now;
        Touch(now);
        return Transition.Applied;
    }

    public ProductState ToState() => new(Sku, Name, Price, Status);

    private void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
    }
}
