using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.UnitTests.Products;

public sealed class ProductRulesTests
{
    [Fact]
    public void Valid_product_has_no_errors() => Assert.Empty(ProductRules.Validate("SKU-1", "Apple", 1.50m, skuRequired: true));

    [Theory]
    [InlineData(null, "Apple", 1.0, "sku")]
    [InlineData("  ", "Apple", 1.0, "sku")]
    [InlineData("SKU-1", null, 1.0, "name")]
    [InlineData("SKU-1", "Apple", 0.0, "price")]
    [InlineData("SKU-1", "Apple", -1.0, "price")]
    [InlineData("SKU-1", "Apple", 1.234, "price")]
    public void Invalid_field_is_reported(string? sku, string? name, double price, string field)
    {
        var errors = ProductRules.Validate(sku, name, (decimal)price, skuRequired: true);

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Every_missing_field_is_reported_at_once()
    {
        var errors = ProductRules.Validate(null, null, null, skuRequired: true);

        Assert.Equal(["name", "price", "sku"], errors.Keys.Order());
    }

    [Fact]
    public void Price_beyond_what_the_store_holds_is_reported() =>
        Assert.Equal(["price"], ProductRules.Validate("SKU-1", "Apple", ProductRules.MaxPrice + 1, skuRequired: true).Keys);

    [Fact]
    public void Overlong_sku_is_reported() =>
        Assert.Contains("sku", ProductRules.Validate(new string('x', ProductRules.MaxSkuLength + 1), "Apple", 1m, skuRequired: true).Keys);
}
