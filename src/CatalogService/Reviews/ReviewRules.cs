using ProductCatalogOrders.BuildingBlocks.Http;

namespace ProductCatalogOrders.CatalogService.Reviews;

/// <summary>Input rules for a review; every violation is reported, not just the first.</summary>
public static class ReviewRules
{
    public const int MaxCustomerIdLength = 64;
    public const int MaxTextLength = 2000;

    public static Dictionary<string, string[]> Validate(AddReviewRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ProductId is null || request.ProductId == Guid.Empty)
        {
            errors["productId"] = ["A product id is required."];
        }

        if (CustomerIdError(request.CustomerId) is { } customer)
        {
            errors["customerId"] = [customer];
        }

        if (request.Rating is not (>= 1 and <= 5))
        {
            errors["rating"] = ["The rating is a whole number from 1 to 5."];
        }

        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors["text"] = ["The text is required."];
        }
        else if (text.Length > MaxTextLength)
        {
            errors["text"] = [$"At most {MaxTextLength} characters."];
        }
        else if (TextInput.HasControlCharacters(text.Replace('\n', ' ').Replace("\r", "", StringComparison.Ordinal)))
        {
            errors["text"] = [TextInput.ControlCharactersRefused];
        }

        return errors;
    }

    /// <summary>Null for a customer id the catalog accepts (the same shape OrderService accepts).</summary>
    public static string? CustomerIdError(string? customerId) => customerId?.Trim() switch
    {
        null or "" => "A customer id is required.",
        { Length: > MaxCustomerIdLength } => $"At most {MaxCustomerIdLength} characters.",
        var id when TextInput.HasControlCharacters(id) => TextInput.ControlCharactersRefused,
        _ => null,
    };
}
