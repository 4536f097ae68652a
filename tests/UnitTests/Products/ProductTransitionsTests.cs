using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.UnitTests.Products;

public sealed class ProductTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void New_product_is_Active_at_version_1()
    {
        var product = Product.Create("SKU-1", "Apple", 1.50m, Now);

        Assert.Equal((ProductStatus.Active, 1L, Now), (product.Status, product.Version, product.CreatedAt));
        Assert.Null(product.DecommissionedAt);
    }

    [Fact]
    public void Update_of_an_Active_product_bumps_the_version()
    {
        var product = Product.Create("SKU-1", "Apple", 1.50m, Now);

        var transition = product.Update("Green apple", 2.00m, Now.AddHours(1));

        Assert.Equal(TransitionOutcome.Applied, transition.Outcome);
        Assert.Equal(("Green apple", 2.00m, 2L, Now.AddHours(1)), (product.Name, product.Price, product.Version, product.UpdatedAt));
    }

    [Fact]
    public void Decommission_starts_the_DELETING_step_and_bumps_the_version()
    {
        var product = Product.Create("SKU-1", "Apple", 1.50m, Now);

        var transition = product.Decommission(Now.AddDays(1));

        Assert.Equal(TransitionOutcome.Applied, transition.Outcome);
        Assert.Equal((ProductStatus.Decommissioning, 2L, Now.AddDays(1)), (product.Status, product.Version, product.DecommissionedAt));
    }

    [Fact]
    public void Decommission_is_idempotent()
    {
        var product = Product.Create("SKU-1", "Apple", 1.50m, Now);
        product.Decommission(Now.AddDays(1));

        var again = product.Decommission(Now.AddDays(2));

        Assert.Equal(TransitionOutcome.AlreadyDone, again.Outcome);
        Assert.Equal((ProductStatus.Decommissioning, 2L, Now.AddDays(1)), (product.Status, product.Version, product.DecommissionedAt));
    }

    [Fact]
    public void Update_of_a_decommissioning_product_is_refused_and_changes_nothing()
    {
        var product = Product.Create("SKU-1", "Apple", 1.50m, Now);
        product.Decommission(Now.AddDays(1));

        var transition = product.Update("Renamed", 9.99m, Now.AddDays(2));

        Assert.Equal(TransitionOutcome.Refused, transition.Outcome);
        Assert.Contains("Decommissioning", transition.Reason);
        Assert.Equal(("Apple", 1.50m, 2L), (product.Name, product.Price, product.Version));
    }

    [Fact]
    public void Events_carry_the_full_state_at_their_version()
    {
        var product = Product.Create("SKU-1", "Apple", 1.50m, Now);
        product.Decommission(Now.AddDays(1));

        var state = product.ToState();

        Assert.Equal(new ProductState("SKU-1", "Apple", 1.50m, ProductStatus.Decommissioning), state);
    }
}
