namespace ProductCatalogOrders.BuildingBlocks.Privacy;

/// <summary>
/// What a service still holds for a subject: counts only, never the data. <paramref name="Records"/>
/// that still carry personal fields (under the raw id or its keyed token), <paramref name="Fields"/>
/// the personal fields left in them, and <paramref name="Blockers"/>: reasons erasure must wait now
/// (an open order still needs its shipping address).
/// </summary>
public sealed record PersonalDataCount(string Service, string SubjectType, int Records, int Fields, IReadOnlyList<string> Blockers);

/// <summary>A synchronous erasure's answer: how many records this call erased (0 on a repeat).</summary>
public sealed record ErasureOutcome(string Service, string SubjectType, int Erased);
