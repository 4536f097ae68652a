namespace ProductCatalogOrders.ErasureDataset;

/// <summary>What an <see cref="ErasureEvent"/> records, spelled as the dataset's <c>kind</c> column and file names spell it.</summary>
public static class ErasureEventKinds
{
    /// <summary>A request was accepted.</summary>
    public const string Requested = "requested";

    /// <summary>A target reported its data erased.</summary>
    public const string TargetErased = "target-erased";

    /// <summary>A target exhausted its attempts.</summary>
    public const string TargetFailed = "target-failed";

    /// <summary>A check (a legal hold, an open order) refused the request.</summary>
    public const string Blocked = "blocked";

    /// <summary>Every target answered that it holds nothing more for the subject.</summary>
    public const string Verified = "verified";

    public static readonly IReadOnlyList<string> All = [Requested, TargetErased, TargetFailed, Blocked, Verified];
}
