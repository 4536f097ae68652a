using ProductCatalogOrders.BuildingBlocks.Http;

namespace ProductCatalogOrders.ErasureService.Requests;

/// <summary>Input rules for subjects and requests; every violation is reported, not just the first.</summary>
public static class ErasureRules
{
    public const int MaxSubjectTypeLength = 32;

    public static Dictionary<string, string[]> Validate(CreateErasureRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        SubjectErrors(request.SubjectType, request.SubjectId, errors);
        Text(errors, "reason", request.Reason, ErasureRequest.MaxReasonLength);
        return errors;
    }

    public static void SubjectErrors(string? subjectType, string? subjectId, IDictionary<string, string[]> errors)
    {
        var type = subjectType?.Trim();
        if (string.IsNullOrEmpty(type))
        {
            errors["subjectType"] = ["A subject type is required, such as customer."];
        }
        else if (type.Length > MaxSubjectTypeLength || !type.All(c => c is >= 'a' and <= 'z' or '-'))
        {
            errors["subjectType"] = [$"Lower-case letters and hyphens, at most {MaxSubjectTypeLength}."];
        }

        Text(errors, "subjectId", subjectId, ErasureRequest.MaxSubjectIdLength);
    }

    public static void Text(IDictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["This field is required."];
        }
        else if (value.Trim().Length > maxLength)
        {
            errors[field] = [$"At most {maxLength} characters."];
        }
        else if (TextInput.HasControlCharacters(value))
        {
            errors[field] = [TextInput.ControlCharactersRefused];
        }
    }
}
