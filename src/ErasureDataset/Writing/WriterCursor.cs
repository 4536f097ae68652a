namespace ProductCatalogOrders.ErasureDataset.Writing;

/// <summary>
/// How far the dataset is written. <see cref="Written"/>: every event up to this sequence is in the
/// dataset. <see cref="Batch"/>: the range being written, saved before its first file, so a writer
/// that stops halfway redoes exactly that range and its files get exactly the same names.
/// </summary>
public sealed record WriterCursor(long Written, BatchRange? Batch)
{
    public static readonly WriterCursor Start = new(0, null);
}

/// <summary>The events after <see cref="After"/> up to and including <see cref="Through"/>.</summary>
public sealed record BatchRange(long After, long Through);
