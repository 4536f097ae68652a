using System.Globalization;
using System.Text;

namespace ProductCatalogOrders.ErasureDataset.Layout;

/// <summary>
/// A data file's name, which says what it holds without opening it:
/// <c>&lt;service&gt;.&lt;event-kind&gt;.&lt;first-sequence&gt;-&lt;last-sequence&gt;.parquet</c>.
/// Sequences are zero-padded to the width of a long, so names sort in sequence order. The name is a
/// function of the events it holds, so writing the same events again overwrites the same file.
/// </summary>
public sealed record DatasetFileName(string Service, string Kind, long FirstSequence, long LastSequence)
{
    public const string Extension = ".parquet";

    /// <summary>Digits in long.MaxValue: every sequence pads to the same width.</summary>
    private const int SequenceDigits = 19;

    public static DatasetFileName For(IReadOnlyList<ErasureEvent> events) =>
        new(events[0].Service, events[0].Kind, events.Min(e => e.Sequence), events.Max(e => e.Sequence));

    public override string ToString() =>
        $"{Segment(Service)}.{Segment(Kind)}.{Pad(FirstSequence)}-{Pad(LastSequence)}{Extension}";

    /// <summary>The name's parts back; false for anything that is not a data file's name.</summary>
    public static bool TryParse(string fileName, out DatasetFileName? parsed)
    {
        parsed = null;
        if (!fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = fileName[..^Extension.Length].Split('.');
        if (parts.Length < 3)
        {
            return false;
        }

        var range = parts[^1].Split('-');
        if (range.Length != 2
            || !long.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || first > last)
        {
            return false;
        }

        parsed = new DatasetFileName(string.Join('.', parts[..^2]), parts[^2], first, last);
        return true;
    }

    private static string Pad(long sequence) => sequence.ToString(new string('0', SequenceDigits), CultureInfo.InvariantCulture);

    /// <summary>
    /// A service or kind as a file name can carry it: letters, digits, '-' and '_' stay, anything else
    /// (a '/', a space, a dot in a kind) becomes '_'. The columns keep the exact values.
    /// </summary>
    private static string Segment(string value)
    {
        var segment = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            segment.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return segment.Length == 0 ? "_" : segment.ToString();
    }
}
