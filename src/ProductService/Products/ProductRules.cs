using ProductCatalogOrders.BuildingBlocks.Http;

namespace ProductCatalogOrders.ProductService.Products;

/// <summary>Input rules for product fields; every violation is reported, not just the first.</summary>
public static class ProductRules
{
    public const int MaxSkuLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxLegalHoldReasonLength = 500;

    /// <summary>What a decimal(18,2) column holds, so a price is refused before the store overflows.</summary>
    public const decimal MaxPrice = 9_999_999_999_999_999.99m;

    public static Dictionary<string, string[]> ValidateLegalHold(string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = ["A legal hold needs a reason."];
        }
        else if (reason.Trim().Length > MaxLegalHoldReasonLength)
        {
            errors["reason"] = [$"A reason has at most {MaxLegalHoldReasonLength} characters."];
        }
        else if (TextInput.HasControlCharacters(reason))
        {
            errors["reason"] = [TextInput.ControlCharactersRefused];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(string? sku, string? name, decimal? price, bool skuRequired)
    {
        var errors = new Dictionary<string, string[]>();
        if (skuRequired)
        {
            if (string.IsNullOrWhiteSpace(sku))
            {
                errors["sku"] = ["A SKU is required."];
            }
            else if (sku.Trim().Length > MaxSkuLength)
            {
                errors["sku"] = [$"A SKU has at most {MaxSkuLength} characters."];
            }
            else if (TextInput.HasControlCharacters(sku))
            {
                errors["sku"] = [TextInput.ControlCharactersRefused];
            }
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["A name is required."];
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"A name has at most {MaxNameLength} characters."];
        }
        else if (TextInput.HasControlCharacters(name))
        {
            errors["name"] = [TextInput.ControlCharactersRefused];
        }

        if (price is null)
        {
            errors["price"] = ["A price is required."];
        }
        else if (price <= 0)
        {
            errors["price"] = ["The price must be greater than zero."];
        }
        else if (price > MaxPrice)
        {
            errors["price"] = [$"The price is at most {MaxPrice}."];
        }
        else if (decimal.Round(price.Value, 2) != price.Value)
        {
            errors["price"] = ["The price has at most two decimal places."];
        }

        return errors;
    }
}
