using ProductCatalogOrders.BuildingBlocks.Http;

namespace ProductCatalogOrders.CatalogService.Catalog;

/// <summary>Input rules for catalog items; every violation is reported, not just the first.</summary>
public static class CatalogRules
{
    public const int MaxCategoryLength = 100;

    public static Dictionary<string, string[]> Validate(AddCatalogItemRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ProductId is null || request.ProductId == Guid.Empty)
        {
            errors["productId"] = ["A product id is required."];
        }

        var category = request.Category?.Trim();
        if (string.IsNullOrEmpty(category))
        {
            errors["category"] = ["A category is required."];
        }
        else if (category.Length > MaxCategoryLength)
        {
            errors["category"] = [$"A category has at most {MaxCategoryLength} characters."];
        }
        else if (TextInput.HasControlCharacters(category))
        {
            errors["category"] = [TextInput.ControlCharactersRefused];
        }

        return errors;
    }
}
