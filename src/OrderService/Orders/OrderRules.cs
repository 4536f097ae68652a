using System.Net.Mail;
using ProductCatalogOrders.BuildingBlocks.Http;

namespace ProductCatalogOrders.OrderService.Orders;

/// <summary>Input rules for an order; every violation is reported, not just the first.</summary>
public static class OrderRules
{
    public const int MaxCustomerIdLength = 64;
    public const int MaxTextLength = 200;
    public const int MaxAddressLength = 500;
    public const int MaxLines = 100;
    public const int MaxQuantity = 10_000;

    public static Dictionary<string, string[]> Validate(PlaceOrderRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        Require(errors, "customerId", request.CustomerId, MaxCustomerIdLength);
        Require(errors, "customerName", request.CustomerName, MaxTextLength);
        Require(errors, "shippingAddress", request.ShippingAddress, MaxAddressLength);
        if (Require(errors, "customerEmail", request.CustomerEmail, MaxTextLength)
            && !MailAddress.TryCreate(request.CustomerEmail!.Trim(), out _))
        {
            errors["customerEmail"] = ["Not a valid email address."];
        }

        if (request.Lines is null || request.Lines.Count == 0)
        {
            errors["lines"] = ["An order needs at least one line."];
        }
        else if (request.Lines.Count > MaxLines)
        {
            errors["lines"] = [$"An order has at most {MaxLines} lines."];
        }
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var line = request.Lines[i];
                if (line?.ProductId is null || line.ProductId == Guid.Empty)
                {
                    errors[$"lines[{i}].productId"] = ["A product id is required."];
                }

                if (line?.Quantity is not (> 0 and <= MaxQuantity))
                {
                    errors[$"lines[{i}].quantity"] = [$"The quantity is between 1 and {MaxQuantity}."];
                }
            }
        }

        return errors;
    }

    private static bool Require(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["This field is required."];
            return false;
        }

        if (value.Trim().Length > maxLength)
        {
            errors[field] = [$"At most {maxLength} characters."];
            return false;
        }

        if (TextInput.HasControlCharacters(value))
        {
            errors[field] = [TextInput.ControlCharactersRefused];
            return false;
        }

        return true;
    }
}
