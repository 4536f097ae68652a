namespace ProductCatalogOrders.BuildingBlocks.Http;

/// <summary>
/// Text a person types: control characters (NUL, ESC, the C1 block) and the bidirectional overrides
/// that make a SKU read differently than it is stored have no place in it. They are refused with
/// 400 before anything is written or logged, and the refusal does not echo them.
/// </summary>
public static class TextInput
{
    public const string ControlCharactersRefused = "Control characters and bidirectional overrides are not allowed.";

    public static bool HasControlCharacters(string? value) =>
        value is not null && value.AsSpan().IndexOfAny(Forbidden) >= 0;

    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c),
         '\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);
}
