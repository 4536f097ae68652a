namespace ProductCatalogOrders.BuildingBlocks.Privacy;

/// <summary>
/// The personal data one service holds, declared in code and served at <c>GET /privacy/inventory</c>.
/// ErasureService builds every erasure request's targets from these; a service that declares nothing
/// holds nothing and is never a target.
/// </summary>
/// <param name="Service">The service's own name ("order", "catalog"): the target name in the ledger and in confirmations.</param>
public sealed record PersonalDataInventory(string Service, IReadOnlyList<PersonalDataHolding> Holdings);

/// <summary>One place a subject's personal data lives, and how it is erased.</summary>
/// <param name="SubjectType">Whose data: <c>customer</c>.</param>
/// <param name="Store">The store, by connection name (<c>ordersdb</c>).</param>
/// <param name="Location">The table or collection.</param>
/// <param name="Fields">The personal fields in it.</param>
/// <param name="Method">How ErasureService reaches it.</param>
/// <param name="Effect">Whether the records are deleted or anonymised (kept without the personal fields).</param>
/// <param name="ErasureEndpoint">For <see cref="ErasureMethod.Synchronous"/>: the path to POST, with <c>{id}</c> for the subject.</param>
/// <param name="VerificationEndpoint">The path that counts what is left, with <c>{id}</c> for the subject.</param>
public sealed record PersonalDataHolding(
    string SubjectType,
    string Store,
    string Location,
    IReadOnlyList<string> Fields,
    ErasureMethod Method,
    ErasureEffect Effect,
    string? ErasureEndpoint,
    string VerificationEndpoint);

public enum ErasureMethod
{
    /// <summary>An HTTP call that erases in one transaction and answers with the count.</summary>
    Synchronous,

    /// <summary><c>CustomerErasureRequested</c> on the bus, confirmed with <c>CustomerErasureCompleted</c>.</summary>
    Asynchronous,

    /// <summary>Erased by a batch job from the offline dataset of erasure events.</summary>
    OfflineDataset,
}

public enum ErasureEffect
{
    Deleted,
    Anonymised,
}
