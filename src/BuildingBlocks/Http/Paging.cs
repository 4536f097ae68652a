using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace ProductCatalogOrders.BuildingBlocks.Http;

/// <summary>One page of a list. Pass <see cref="Next"/> as <c>after</c> to get the following page; null means the end.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// Keyset paging for lists that grow: <c>?limit=</c> (default 100, at most 1,000) and <c>?after=</c>,
/// an opaque cursor naming the last item of the previous page. A page never repeats or skips an item
/// that existed for the whole walk, however the list changes in between, because it starts after a
/// key rather than at an offset.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The page size asked for; adds an error to <paramref name="errors"/> when it is out of range.</summary>
    public static int Limit(int? limit, IDictionary<string, string[]> errors)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"The limit is between 1 and {MaxLimit}."];
        }

        return size;
    }

    /// <summary>A cursor for the key of a page's last item.</summary>
    public static string Cursor(params string[] key) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key));

    /// <summary>
    /// The key a cursor names, or null when none was given. A cursor this list did not give out
    /// (wrong shape, edited, from another list) adds an error to <paramref name="errors"/>.
    /// </summary>
    public static string[]? After(string? after, int parts, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(after))
        {
            return null;
        }

        try
        {
            var key = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(after));
            if (key is not null && key.Length == parts && key.All(k => k is not null))
            {
                return key;
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
        }

        errors["after"] = ["Not a cursor of this list: pass the 'next' value of the previous page unchanged."];
        return null;
    }

    /// <summary>
    /// The page after <paramref name="after"/> from items already in key order: for small lists the
    /// service holds in memory anyway.
    /// </summary>
    public static Page<T> InMemory<T>(IEnumerable<T> ordered, Func<T, string[]> keyOf, string[]? after, int limit, IComparer<string[]> order)
    {
        var rest = after is null ? ordered : ordered.Where(item => order.Compare(keyOf(item), after) > 0);
        var window = rest.Take(limit + 1).ToList();
        return Page(window, limit, keyOf);
    }

    /// <summary>A page from up to <paramref name="limit"/> + 1 items in key order: the extra one only says there is more.</summary>
    public static Page<T> Page<T>(List<T> window, int limit, Func<T, string[]> keyOf)
    {
        var items = window.Count > limit ? window[..limit] : window;
        return new Page<T>(items, window.Count > limit ? Cursor(keyOf(items[^1])) : null);
    }

    /// <summary>Compares keys part by part, ordinally: the order SQLite and the in-memory lists share.</summary>
    public static IComparer<string[]> Ordinal { get; } = Comparer<string[]>.Create((a, b) =>
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    });
}
