using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.UnitTests.Products;

public sealed class ProductLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    private static Product Decommissioned(bool complete = true)
    {
        var product = Product.Create("SKU-1", "Apple", 1.50m, Now);
        product.Decommission(Now);
        if (complete)
        {
            product.CompleteDecommission(Now.AddMinutes(1));
        }

        return product;
    }

    [Fact]
    public void Decommission_remembers_the_version_consumers_must_confirm()
    {
        var product = Decommissioned(complete: false);

        Assert.Equal(product.Version, product.DecommissionVersion);
    }

    [Fact]
    public void Completing_a_decommission_makes_the_product_Decommissioned()
    {
        var product = Decommissioned(complete: false);

        var transition = product.CompleteDecommission(Now.AddMinutes(1));

        Assert.Equal(TransitionOutcome.Applied, transition.Outcome);
        Assert.Equal((ProductStatus.Decommissioned, 3L, Now.AddMinutes(1)), (product.Status, product.Version, product.DecommissionCompletedAt));
        Assert.Equal(TransitionOutcome.AlreadyDone, product.CompleteDecommission(Now.AddMinutes(2)).Outcome);
    }

    [Fact]
    public void Completing_the_decommission_of_an_Active_product_is_refused()
    {
        var product = Product.Create("SKU-1", "Apple", 1.50m, Now);

        Assert.Equal(TransitionOutcome.Refused, product.CompleteDecommission(Now).Outcome);
        Assert.Equal((ProductStatus.Active, 1L), (product.Status, product.Version));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Restore_within_the_window_returns_the_product_to_Active(bool complete)
    {
        var product = Decommissioned(complete);
        var version = product.Version;

        var transition = product.Restore(Now + Window, Window);

        Assert.Equal(TransitionOutcome.Applied, transition.Outcome);
        Assert.Equal((ProductStatus.Active, version + 1), (product.Status, product.Version));
        Assert.Null(product.DecommissionedAt);
        Assert.Null(product.DecommissionVersion);
    }

    [Fact]
    public void Restore_after_the_window_is_refused_and_changes_nothing()
    {
        var product = Decommissioned();
        var version = product.Version;

        var transition = product.Restore(Now + Window + TimeSpan.FromSeconds(1), Window);

        Assert.Equal(TransitionOutcome.Refused, transition.Outcome);
        Assert.Contains("restoration window", transition.Reason);
        Assert.Equal((ProductStatus.Decommissioned, version), (product.Status, product.Version));
    }

    [Fact]
    public void Restore_of_an_Active_product_is_refused() =>
        Assert.Equal(TransitionOutcome.Refused, Product.Create("SKU-1", "Apple", 1m, Now).Restore(Now, Window).Outcome);

    [Fact]
    public void Purge_erases_the_master_data_and_keeps_a_tombstone()
    {
        var product = Decommissioned();

        var transition = product.Purge(Now.AddDays(91));

        Assert.Equal(TransitionOutcome.Applied, transition.Outcome);
        Assert.Equal(("SKU-1", "", 0m, ProductStatus.Purged), (product.Sku, product.Name, product.Price, product.Status));
        Assert.Equal((Now, Now.AddDays(91)), (product.CreatedAt, product.PurgedAt!.Value));
        Assert.Equal(TransitionOutcome.AlreadyDone, product.Purge(Now.AddDays(92)).Outcome);
    }

    [Fact]
    public void Purge_before_every_consumer_confirmed_is_refused()
    {
        var product = Decommissioned(complete: false);

        Assert.Equal(TransitionOutcome.Refused, product.Purge(Now.AddDays(91)).Outcome);
        Assert.Equal("Apple", product.Name);
    }

    [Fact]
    public void Purge_of_a_product_on_legal_hold_is_refused()
    {
        var product = Decommissioned();
        product.PlaceLegalHold("Litigation", "counsel", Now);

        var transition = product.Purge(Now.AddDays(91));

        Assert.Equal(TransitionOutcome.Refused, transition.Outcome);
        Assert.Contains("legal hold", transition.Reason);
        Assert.Equal(ProductStatus.Decommissioned, product.Status);
    }

    [Fact]
    public void Legal_hold_is_set_replaced_and_lifted()
    {
        var product = Decommissioned();

        Assert.Equal(TransitionOutcome.Applied, product.PlaceLegalHold("Audit", "counsel", Now).Outcome);
        Assert.Equal(TransitionOutcome.AlreadyDone, product.PlaceLegalHold("Audit", "counsel", Now).Outcome);
        Assert.Equal(TransitionOutcome.Applied, product.PlaceLegalHold("Litigation", "counsel", Now).Outcome);
        Assert.Equal(("Litigation", "counsel"), (product.LegalHoldReason, product.LegalHoldBy));
        Assert.Equal(TransitionOutcome.Applied, product.LiftLegalHold(Now).Outcome);
        Assert.False(product.IsOnLegalHold);
        Assert.Equal(TransitionOutcome.AlreadyDone, product.LiftLegalHold(Now).Outcome);
    }

    [Fact]
    public void Nothing_but_the_tombstone_can_change_after_a_purge()
    {
        var product = Decommissioned();
        product.Purge(Now.AddDays(91));

        Assert.Equal(TransitionOutcome.Refused, product.Restore(Now.AddDays(91), TimeSpan.FromDays(365)).Outcome);
        Assert.Equal(TransitionOutcome.Refused, product.Update("Back", 1m, Now.AddDays(91)).Outcome);
        Assert.Equal(TransitionOutcome.Refused, product.Decommission(Now.AddDays(91)).Outcome);
        Assert.Equal(TransitionOutcome.Refused, product.PlaceLegalHold("Late", "counsel", Now.AddDays(91)).Outcome);
        Assert.Equal(ProductStatus.Purged, product.Status);
    }
}
