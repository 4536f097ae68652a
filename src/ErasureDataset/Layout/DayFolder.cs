using System.Globalization;

namespace ProductCatalogOrders.ErasureDataset.Layout;

/// <summary>One Hive-style day partition, <c>erasure-events/date=YYYY-MM-DD</c>: the events whose UTC time falls on that day.</summary>
public sealed record DayFolder(DateOnly Date, string Path)
{
    public const string Prefix = "date=";
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The folder name, <c>date=YYYY-MM-DD</c>.</summary>
    public string Name => NameFor(Date);

    /// <summary>As people and the audit trail name it: <c>erasure-events/date=YYYY-MM-DD</c>.</summary>
    public string DisplayName => $"{DatasetLayout.DatasetFolderName}/{Name}";

    public static string NameFor(DateOnly date) => Prefix + date.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>The UTC day an event belongs to.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    public static bool TryParseName(string name, out DateOnly date)
    {
        date = default;
        return name.StartsWith(Prefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(name[Prefix.Length..], DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
