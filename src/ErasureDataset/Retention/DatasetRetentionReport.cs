using ProductCatalogOrders.ErasureDataset.Retention.Checks;

namespace ProductCatalogOrders.ErasureDataset.Retention;

/// <summary>
/// What a retention run did, or in a dry run would do: every day folder past retention (by its name),
/// each with its outcome and every check's verdict. Folders within retention are only counted.
/// </summary>
public sealed record DatasetRetentionReport(
    bool DryRun,
    DateTimeOffset At,
    TimeSpan Retention,
    DateOnly DeleteBefore,
    int FoldersWithinRetention,
    IReadOnlyList<DayFolderOutcome> Folders);

/// <param name="Folder">As people name it: <c>erasure-events/date=YYYY-MM-DD</c>.</param>
/// <param name="Outcome">One of <see cref="DayFolderOutcomes"/>.</param>
/// <param name="Checks">Every check's verdict; the failed ones say why the folder is kept.</param>
public sealed record DayFolderOutcome(string Folder, DateOnly Date, string Outcome, IReadOnlyList<CheckVerdict> Checks);

public static class DayFolderOutcomes
{
    /// <summary>Dry run: every check passed.</summary>
    public const string WouldDelete = "would-delete";

    public const string Deleted = "deleted";

    /// <summary>At least one check failed; nothing was touched.</summary>
    public const string Kept = "kept";

    /// <summary>Every check passed but the deletion broke (an I/O error); the next run finishes it.</summary>
    public const string DeleteFailed = "delete-failed";
}
