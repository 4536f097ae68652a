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

    /// <summary>The version the decommission was published at; consumers confirm this version.</summary>
    public long? DecommissionVersion { get; private set; }

    /// <summary>When every registered consumer had confirmed the decommission.</summary>
    public DateTimeOffset? DecommissionCompletedAt { get; private set; }

    public DateTimeOffset? PurgedAt { get; private set; }

    /// <summary>The version the purge was published at; consumers confirm this version. A purged product never changes again.</summary>
    public long? PurgeVersion => Status == ProductStatus.Purged ? Version : null;

    /// <summary>Why the product must not be purged; null when no legal hold is set.</summary>
    public string? LegalHoldReason { get; private set; }

    public DateTimeOffset? LegalHoldSince { get; private set; }

    public string? LegalHoldBy { get; private set; }

    public bool IsOnLegalHold => LegalHoldReason is not null;

    /// <summary>The last moment a restore is accepted, while the product is on its way out.</summary>
    public DateTimeOffset? RestorableUntil(TimeSpan restorationWindow) =>
        Status is ProductStatus.Decommissioning or ProductStatus.Decommissioned ? DecommissionedAt + restorationWindow : null;

    /// <summary>When retention after decommission ends and a purge may be considered.</summary>
    public DateTimeOffset? RetainedUntil(TimeSpan retentionPeriod) =>
        Status is ProductStatus.Decommissioning or ProductStatus.Decommissioned ? DecommissionedAt + retentionPeriod : null;

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
        DecommissionVersion = Version;
        return Transition.Applied;
    }

    /// <summary>Every registered consumer confirmed: the DELETING step is over.</summary>
    public Transition CompleteDecommission(DateTimeOffset now)
    {
        switch (Status)
        {
            case ProductStatus.Decommissioned:
                return Transition.AlreadyDone;
            case not ProductStatus.Decommissioning:
                return Transition.Refused($"Product {Sku} is {Status}; only a Decommissioning product can complete its decommission.");
        }

        Status = ProductStatus.Decommissioned;
        DecommissionCompletedAt = now;
        Touch(now);
        return Transition.Applied;
    }

    /// <summary>Undo: back to Active, but only while the restoration window is open.</summary>
    public Transition Restore(DateTimeOffset now, TimeSpan restorationWindow)
    {
        if (Status is not (ProductStatus.Decommissioning or ProductStatus.Decommissioned))
        {
            return Transition.Refused($"Product {Sku} is {Status}; only a decommissioned product can be restored.");
        }

        if (now > RestorableUntil(restorationWindow))
        {
            return Transition.Refused(
                $"The restoration window of product {Sku} closed at {RestorableUntil(restorationWindow):O} ({restorationWindow.TotalDays:0.#} days after decommission).");
        }

        Status = ProductStatus.Active;
        DecommissionedAt = null;
        DecommissionVersion = null;
        DecommissionCompletedAt = null;
        Touch(now);
        return Transition.Applied;
    }

    /// <summary>
    /// Erases the master data and keeps a tombstone: id, SKU, status and dates. Irreversible, so the
    /// deletion checks must have passed before this is called; the status rule is enforced here too.
    /// </summary>
    public Transition Purge(DateTimeOffset now)
    {
        switch (Status)
        {
            case ProductStatus.Purged:
                return Transition.AlreadyDone;
            case not ProductStatus.Decommissioned:
                return Transition.Refused($"Product {Sku} is {Status}; only a Decommissioned product can be purged.");
        }

        if (IsOnLegalHold)
        {
            return Transition.Refused($"Product {Sku} is on legal hold: {LegalHoldReason}");
        }

        Name = "";
        Price = 0;
        Status = ProductStatus.Purged;
        PurgedAt = now;
        Touch(now);
        return Transition.Applied;
    }

    /// <summary>Sets or replaces a legal hold; a held product cannot be purged.</summary>
    public Transition PlaceLegalHold(string reason, string actor, DateTimeOffset now)
    {
        if (Status == ProductStatus.Purged)
        {
            return Transition.Refused($"Product {Sku} is already purged; there is nothing left to hold.");
        }

        if (LegalHoldReason == reason)
        {
            return Transition.AlreadyDone;
        }

        LegalHoldReason = reason;
        LegalHoldSince = now;
        LegalHoldBy = actor;
        Touch(now);
        return Transition.Applied;
    }

    public Transition LiftLegalHold(DateTimeOffset now)
    {
        if (!IsOnLegalHold)
        {
            return Transition.AlreadyDone;
        }

        LegalHoldReason = null;
        LegalHoldSince = null;
        LegalHoldBy = null;
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
