namespace ProductCatalogOrders.ErasureService.Requests;

/// <summary>
/// The ledger's rules: which step each target may take from where it stands, and the request's state
/// from its targets. Plain code, tested without a host; the processor and the consumer only call it.
/// </summary>
public static class LedgerRules
{
    /// <summary>Verified only when every target is; otherwise the most urgent state among them.</summary>
    public static RequestState StateOf(IEnumerable<TargetState> targets)
    {
        var states = targets.ToList();
        return states switch
        {
            [] => RequestState.Pending,
            _ when states.All(s => s == TargetState.Verified) => RequestState.Verified,
            _ when states.Contains(TargetState.Failed) => RequestState.Failed,
            _ when states.Contains(TargetState.Blocked) => RequestState.Blocked,
            _ when states.All(s => s == TargetState.Pending) => RequestState.Pending,
            _ => RequestState.InProgress,
        };
    }

    /// <summary>Checks run until the first target is touched; after that the request is under way.</summary>
    public static bool ChecksApply(IEnumerable<ErasureTarget> targets) =>
        targets.All(t => t.State is TargetState.Pending or TargetState.Blocked);

    /// <summary>Pending or Blocked → Blocked, with every reason. True when the row changed.</summary>
    public static bool Block(ErasureTarget target, string reason, DateTimeOffset now, long dueAt)
    {
        Require(target, TargetState.Pending, TargetState.Blocked);
        var changed = target.State != TargetState.Blocked || target.BlockedReason != reason;
        target.State = TargetState.Blocked;
        target.BlockedReason = reason;
        target.DueAt = dueAt;
        Touch(target, now);
        return changed;
    }

    /// <summary>Blocked → Pending once the checks pass.</summary>
    public static void Unblock(ErasureTarget target, DateTimeOffset now)
    {
        Require(target, TargetState.Blocked);
        target.State = TargetState.Pending;
        target.BlockedReason = null;
        target.DueAt = 0;
        Touch(target, now);
    }

    /// <summary>Pending or InProgress → InProgress: one more attempt, due again at <paramref name="dueAt"/> if nothing answers.</summary>
    public static void Attempt(ErasureTarget target, DateTimeOffset now, long dueAt)
    {
        Require(target, TargetState.Pending, TargetState.InProgress);
        target.State = TargetState.InProgress;
        target.Attempts++;
        target.DueAt = dueAt;
        Touch(target, now);
    }

    /// <summary>
    /// The target reported its erasure. From InProgress (the usual case), Pending or Failed (a late
    /// confirmation is still good news). False for a duplicate: an Erased or Verified row stays as it is.
    /// </summary>
    public static bool RecordErased(ErasureTarget target, int count, DateTimeOffset now)
    {
        if (target.State is TargetState.Erased or TargetState.Verified or TargetState.Blocked)
        {
            return false;
        }

        target.State = TargetState.Erased;
        target.Erased += count;
        target.ErasedAt = now;
        target.LastError = null;
        target.DueAt = 0;
        Touch(target, now);
        return true;
    }

    /// <summary>An attempt failed: wait for the backoff, or Failed when attempts are exhausted. True when it is now Failed.</summary>
    public static bool RecordFailure(ErasureTarget target, string error, int maxAttempts, DateTimeOffset now, long retryAt)
    {
        Require(target, TargetState.InProgress);
        target.LastError = error.Length > 2000 ? error[..2000] : error;
        Touch(target, now);
        if (target.Attempts >= maxAttempts)
        {
            target.State = TargetState.Failed;
            return true;
        }

        target.DueAt = retryAt;
        return false;
    }

    /// <summary>Erased → Verified: the target answered that nothing is left.</summary>
    public static void Verify(ErasureTarget target, DateTimeOffset now)
    {
        Require(target, TargetState.Erased);
        target.State = TargetState.Verified;
        target.VerifiedAt = now;
        target.LastError = null;
        Touch(target, now);
    }

    /// <summary>Erased stays Erased when verification could not ask; it is asked again at <paramref name="retryAt"/>.</summary>
    public static void VerificationUnanswered(ErasureTarget target, string error, DateTimeOffset now, long retryAt)
    {
        Require(target, TargetState.Erased);
        target.LastError = error.Length > 2000 ? error[..2000] : error;
        target.DueAt = retryAt;
        Touch(target, now);
    }

    /// <summary>Erased → InProgress: verification found data left behind, so the target is asked again at once.</summary>
    public static void FoundLeftBehind(ErasureTarget target, string finding, DateTimeOffset now)
    {
        Require(target, TargetState.Erased);
        target.State = TargetState.InProgress;
        target.LastError = finding;
        target.DueAt = 0;
        Touch(target, now);
    }

    /// <summary>Failed → Pending, with a fresh set of attempts.</summary>
    public static bool Retry(ErasureTarget target, DateTimeOffset now)
    {
        if (target.State != TargetState.Failed)
        {
            return false;
        }

        target.State = TargetState.Pending;
        target.Attempts = 0;
        target.DueAt = 0;
        Touch(target, now);
        return true;
    }

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: doubling from the first delay, capped.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan first, TimeSpan max)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromMilliseconds(Math.Min(first.TotalMilliseconds * factor, max.TotalMilliseconds));
    }

    private static void Touch(ErasureTarget target, DateTimeOffset now)
    {
        target.UpdatedAt = now;
        target.Revision++;
    }

    private static void Require(ErasureTarget target, params TargetState[] from)
    {
        if (!from.Contains(target.State))
        {
            throw new InvalidOperationException($"Target {target.Service} of request {target.RequestId} is {target.State}; this step needs {string.Join(" or ", from)}.");
        }
    }
}
