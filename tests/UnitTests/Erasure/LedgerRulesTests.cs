using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.ErasureService.Requests;

namespace ProductCatalogOrders.UnitTests.Erasure;

/// <summary>Every transition of a ledger row, and the request state derived from the rows.</summary>
public sealed class LedgerRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static ErasureTarget Target(TargetState state = TargetState.Pending, int attempts = 0) => new()
    {
        RequestId = Guid.CreateVersion7(),
        Service = "order",
        Address = "orderservice",
        Method = ErasureMethod.Synchronous,
        ErasureEndpoint = "/customers/{id}/erasure",
        VerificationEndpoint = "/customers/{id}/personal-data",
        State = state,
        Attempts = attempts,
    };

    [Fact]
    public void A_target_goes_Pending_InProgress_Erased_Verified()
    {
        var target = Target();

        LedgerRules.Attempt(target, Now, dueAt: 10);
        Assert.Equal((TargetState.InProgress, 1, 10L), (target.State, target.Attempts, target.DueAt));
        Assert.True(LedgerRules.RecordErased(target, 3, Now.AddSeconds(1)));
        Assert.Equal((TargetState.Erased, 3, Now.AddSeconds(1)), (target.State, target.Erased, target.ErasedAt));
        LedgerRules.Verify(target, Now.AddSeconds(2));
        Assert.Equal((TargetState.Verified, Now.AddSeconds(2)), (target.State, target.VerifiedAt));
        Assert.Equal(3, target.Revision);
    }

    [Fact]
    public void A_failed_attempt_waits_for_its_backoff_and_the_last_allowed_one_is_Failed()
    {
        var target = Target();
        LedgerRules.Attempt(target, Now, 0);

        Assert.False(LedgerRules.RecordFailure(target, "HTTP 503", maxAttempts: 2, Now, retryAt: 500));
        Assert.Equal((TargetState.InProgress, 500L, "HTTP 503"), (target.State, target.DueAt, target.LastError));

        LedgerRules.Attempt(target, Now, 0);
        Assert.True(LedgerRules.RecordFailure(target, "refused", maxAttempts: 2, Now, retryAt: 900));
        Assert.Equal((TargetState.Failed, 2, "refused"), (target.State, target.Attempts, target.LastError));
    }

    [Fact]
    public void Retry_returns_only_a_Failed_target_to_Pending_with_fresh_attempts()
    {
        var failed = Target(TargetState.Failed, attempts: 8);
        var verified = Target(TargetState.Verified, attempts: 1);

        Assert.True(LedgerRules.Retry(failed, Now));
        Assert.False(LedgerRules.Retry(verified, Now));

        Assert.Equal((TargetState.Pending, 0), (failed.State, failed.Attempts));
        Assert.Equal(TargetState.Verified, verified.State);
    }

    [Fact]
    public void A_refused_check_blocks_with_its_reason_and_passing_checks_unblock()
    {
        var target = Target();

        Assert.True(LedgerRules.Block(target, "legal-hold: held", Now, dueAt: 700));
        Assert.False(LedgerRules.Block(target, "legal-hold: held", Now, dueAt: 800)); // the same reason again is no new block
        Assert.True(LedgerRules.Block(target, "dependency: 1 open order(s)", Now, dueAt: 900));
        Assert.Equal((TargetState.Blocked, "dependency: 1 open order(s)", 900L), (target.State, target.BlockedReason, target.DueAt));

        LedgerRules.Unblock(target, Now);
        Assert.Equal((TargetState.Pending, null, 0L), (target.State, target.BlockedReason, target.DueAt));
    }

    [Theory]
    [InlineData(TargetState.Erased)]
    [InlineData(TargetState.Verified)]
    public void A_duplicate_confirmation_changes_nothing(TargetState state)
    {
        var target = Target(state, attempts: 1);
        target.Erased = 2;

        Assert.False(LedgerRules.RecordErased(target, 5, Now));
        Assert.Equal((state, 2, 0L), (target.State, target.Erased, target.Revision));
    }

    [Fact]
    public void A_late_confirmation_of_a_Failed_target_still_records_the_erasure()
    {
        var target = Target(TargetState.Failed, attempts: 8);

        Assert.True(LedgerRules.RecordErased(target, 1, Now));
        Assert.Equal(TargetState.Erased, target.State);
    }

    [Fact]
    public void Verification_that_finds_data_left_sends_the_target_back_to_InProgress_at_once()
    {
        var target = Target(TargetState.Erased, attempts: 1);

        LedgerRules.FoundLeftBehind(target, "1 record left", Now);

        Assert.Equal((TargetState.InProgress, 0L, "1 record left"), (target.State, target.DueAt, target.LastError));
    }

    [Fact]
    public void Steps_from_the_wrong_state_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => LedgerRules.Verify(Target(TargetState.Pending), Now));
        Assert.Throws<InvalidOperationException>(() => LedgerRules.Attempt(Target(TargetState.Erased), Now, 0));
        Assert.Throws<InvalidOperationException>(() => LedgerRules.Block(Target(TargetState.InProgress), "r", Now, 0));
        Assert.Throws<InvalidOperationException>(() => LedgerRules.RecordFailure(Target(TargetState.Pending), "e", 3, Now, 0));
    }

    [Theory]
    [InlineData(new[] { TargetState.Verified, TargetState.Verified }, RequestState.Verified)]
    [InlineData(new[] { TargetState.Verified, TargetState.Failed }, RequestState.Failed)]
    [InlineData(new[] { TargetState.Blocked, TargetState.Failed }, RequestState.Failed)]
    [InlineData(new[] { TargetState.Blocked, TargetState.Blocked }, RequestState.Blocked)]
    [InlineData(new[] { TargetState.Pending, TargetState.Pending }, RequestState.Pending)]
    [InlineData(new[] { TargetState.Erased, TargetState.Verified }, RequestState.InProgress)]
    [InlineData(new[] { TargetState.Pending, TargetState.InProgress }, RequestState.InProgress)]
    public void The_request_state_is_derived_from_its_targets(TargetState[] targets, RequestState expected) =>
        Assert.Equal(expected, LedgerRules.StateOf(targets));

    [Fact]
    public void Backoff_doubles_from_the_first_delay_and_stops_at_the_cap()
    {
        var delays = Enumerable.Range(1, 6).Select(a => LedgerRules.Backoff(a, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60)).TotalSeconds);

        Assert.Equal([5d, 10, 20, 40, 60, 60], delays);
    }
}
