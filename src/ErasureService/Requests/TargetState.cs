namespace ProductCatalogOrders.ErasureService.Requests;

/// <summary>Where one target of an erasure request stands: <c>Pending → InProgress → Erased → Verified</c>, or Failed or Blocked.</summary>
public enum TargetState
{
    /// <summary>Not yet asked.</summary>
    Pending,

    /// <summary>Asked (a call made or an event published) and not yet confirmed; retried when due.</summary>
    InProgress,

    /// <summary>The target reported its erasure; verification has not yet found it clean.</summary>
    Erased,

    /// <summary>The target answered that it holds nothing of the subject any more.</summary>
    Verified,

    /// <summary>Attempts exhausted; <c>POST /erasure-requests/{id}/retry</c> starts it again.</summary>
    Failed,

    /// <summary>A check refused (a legal hold, open orders); it resumes by itself when the checks pass.</summary>
    Blocked,
}

/// <summary>A request's state, derived from its targets' states.</summary>
public enum RequestState
{
    Pending,
    InProgress,
    Blocked,
    Failed,
    Verified,
}
