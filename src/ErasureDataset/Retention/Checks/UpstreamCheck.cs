using ProductCatalogOrders.ErasureDataset.Layout;

namespace ProductCatalogOrders.ErasureDataset.Retention.Checks;

/// <summary>
/// No writer is writing into the folder: no <c>_writing</c> mark (left from the start of a batch until
/// its cursor is saved, so a writer that crashed mid-batch keeps the folder until it finishes) and no
/// half-written temporary file.
/// </summary>
public sealed class UpstreamCheck(DatasetLayout layout) : IDatasetFolderCheck
{
    public string Name => "upstream";

    public Task<CheckVerdict> EvaluateAsync(DatasetFolderCheckContext context, CancellationToken cancellationToken)
    {
        var marker = layout.WritingMarker(context.Folder);
        if (File.Exists(marker))
        {
            return Task.FromResult(CheckVerdict.Fail(Name,
                $"A writer is writing into it ({File.ReadAllText(marker).Trim()}, since {new DateTimeOffset(File.GetLastWriteTimeUtc(marker)):O})."));
        }

        var unfinished = Directory.EnumerateFiles(context.Folder.Path, ".*.tmp").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(unfinished.Count > 0
            ? CheckVerdict.Fail(Name, $"An unfinished write left {string.Join(", ", unfinished)}.")
            : CheckVerdict.Pass(Name, "No writer is writing into it."));
    }
}
