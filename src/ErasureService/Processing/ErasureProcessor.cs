using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.BuildingBlocks.Outbox;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.Contracts;
using ProductCatalogOrders.ErasureService.Checks;
using ProductCatalogOrders.ErasureService.Ledger;
using ProductCatalogOrders.ErasureService.Requests;
using ProductCatalogOrders.ErasureService.Storage;
using ProductCatalogOrders.ErasureService.Targets;

namespace ProductCatalogOrders.ErasureService.Processing;

/// <summary>
/// Drives every open request from its ledger rows: the checks first, then each target's attempt (a
/// call, or an event through the outbox), retries with backoff, and verification once every target
/// has reported. It keeps nothing in memory between passes, so a restart resumes where the ledger
/// stands. Each step commits its row change and its erasure event together.
/// </summary>
public sealed class ErasureProcessor(
    IServiceScopeFactory scopes,
    ErasureSignal signal,
    IOptionsMonitor<ErasureOptions> options,
    TimeProvider time,
    ErasureMetrics metrics,
    ILogger<ErasureProcessor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "An erasure pass failed; the next pass starts from the ledger again");
            }

            try
            {
                await signal.WaitAsync(options.CurrentValue.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var batchSize = Math.Max(1, options.CurrentValue.BatchSize);
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ErasureDbContext>();
            due = await DueRequests(db.Requests.AsNoTracking(), now.ToUnixTimeMilliseconds()).Take(batchSize).ToListAsync(cancellationToken);
            var open = await db.Requests.AsNoTracking().Where(r => r.CompletedAt == null).Select(r => r.CreatedAt).ToListAsync(cancellationToken);
            metrics.Ledger(open.Count, open.Count(c => now - c > options.CurrentValue.Deadline), open.Count == 0 ? TimeSpan.Zero : now - open.Min());
        }

        foreach (var requestId in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await ProcessAsync(scope.ServiceProvider, requestId, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A confirmation changed a row of this request at the same moment; the next pass reads it as it is now.
                signal.Notify();
            }
        }

        if (due.Count == batchSize)
        {
            // More may be due than one pass took: the next pass follows at once, not after the poll interval.
            signal.Notify();
        }
    }

    /// <summary>
    /// The open requests a pass can move on, oldest first (ids are version-7 UUIDs): a Pending row, an
    /// InProgress or Blocked row whose wait is over, or every row Erased or Verified with an Erased row
    /// due for verification. An Erased row whose request still waits for another target is not work:
    /// counted as due, requests waiting for a slow asynchronous target would fill every pass and keep
    /// newer requests from being started at all.
    /// </summary>
    public static IQueryable<Guid> DueRequests(IQueryable<ErasureRequest> requests, long nowMs) =>
        requests
            .Where(r => r.CompletedAt == null)
            .Where(r =>
                r.Targets.Any(t => t.State == TargetState.Pending
                    || ((t.State == TargetState.InProgress || t.State == TargetState.Blocked) && t.DueAt <= nowMs))
                || (r.Targets.All(t => t.State == TargetState.Erased || t.State == TargetState.Verified)
                    && r.Targets.Any(t => t.State == TargetState.Erased && t.DueAt <= nowMs)))
            .OrderBy(r => r.Id)
            .Select(r => r.Id);

    private async Task ProcessAsync(IServiceProvider services, Guid requestId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ErasureDbContext>();
        var request = await db.Requests.Include(r => r.Targets).SingleAsync(r => r.Id == requestId, cancellationToken);
        if (request.CompletedAt is not null)
        {
            return;
        }

        var settings = options.CurrentValue;
        var subject = services.GetRequiredService<SubjectTokens>().Of(request.SubjectType, request.SubjectId);
        var now = time.GetUtcNow();

        if (LedgerRules.ChecksApply(request.Targets) && !await PassesChecksAsync(services, db, request, subject, settings, now, cancellationToken))
        {
            return;
        }

        var calls = services.GetRequiredService<TargetCalls>();
        foreach (var target in request.Targets.Where(t => IsDue(t, TargetState.Pending, TargetState.InProgress)).ToList())
        {
            if (target.Method == ErasureMethod.Synchronous)
            {
                await EraseSynchronouslyAsync(db, calls, request, target, subject, settings, cancellationToken);
            }
            else
            {
                await RequestAsynchronousErasureAsync(db, request, target, subject, settings);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (request.Targets.All(t => t.State is TargetState.Erased or TargetState.Verified))
        {
            await VerifyAsync(db, calls, request, subject, settings, cancellationToken);
        }
    }

    private bool IsDue(ErasureTarget target, params TargetState[] states) =>
        states.Contains(target.State) && (target.State == TargetState.Pending || target.DueAt <= time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>Blocks every target with all the reasons when a check fails; unblocks them when all pass.</summary>
    private async Task<bool> PassesChecksAsync(
        IServiceProvider services, ErasureDbContext db, ErasureRequest request, string subject, ErasureOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var verdicts = await services.GetRequiredService<ErasureChecks>().EvaluateAsync(new ErasureCheckContext(request, now), cancellationToken);
        var failed = verdicts.Where(v => !v.Passed).ToList();
        if (failed.Count > 0)
        {
            var reason = ErasureChecks.Describe(failed);
            var newlyBlocked = request.Targets.Any(t => t.State != TargetState.Blocked);
            var recheckAt = now.Add(settings.BlockedRecheckInterval).ToUnixTimeMilliseconds();
            foreach (var target in request.Targets)
            {
                LedgerRules.Block(target, reason, now, recheckAt);
            }

            if (newlyBlocked)
            {
                db.Record(LedgerEventKinds.Blocked, request, now);
                metrics.Blocked();
                logger.LogInformation("Erasure request {ErasureRequestId} for {SubjectToken} is Blocked: {Reasons}", request.Id, subject, reason);
            }

            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        foreach (var target in request.Targets.Where(t => t.State == TargetState.Blocked))
        {
            LedgerRules.Unblock(target, now);
            logger.LogInformation("Erasure request {ErasureRequestId}: the checks pass now; {Target} resumes", request.Id, target.Service);
        }

        return true;
    }

    /// <summary>
    /// One call to the target. The attempt is committed before the call, so a crash during it still
    /// counts the attempt and the row is retried after its backoff.
    /// </summary>
    private async Task EraseSynchronouslyAsync(
        ErasureDbContext db, TargetCalls calls, ErasureRequest request, ErasureTarget target, string subject, ErasureOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        LedgerRules.Attempt(target, now, RetryAt(now, target.Attempts + 1, settings));
        await db.SaveChangesAsync(cancellationToken);
        metrics.Attempted(target.Service);
        try
        {
            var erased = await calls.EraseAsync(target, request.SubjectId, cancellationToken);
            var done = time.GetUtcNow();
            LedgerRules.RecordErased(target, erased, done);
            db.Record(LedgerEventKinds.TargetErased, request, done, target.Service);
            logger.LogInformation("Erasure request {ErasureRequestId}: {Target} erased {Count} record(s) of {SubjectToken}", request.Id, target.Service, erased, subject);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var failedAt = time.GetUtcNow();
            var exhausted = LedgerRules.RecordFailure(
                target, exception.GetBaseException().Message, settings.MaxAttempts, failedAt, RetryAt(failedAt, target.Attempts, settings));
            metrics.AttemptFailed(target.Service, exhausted);
            if (exhausted)
            {
                db.Record(LedgerEventKinds.TargetFailed, request, failedAt, target.Service);
            }

            logger.LogWarning(
                "Erasure request {ErasureRequestId}: attempt {Attempt} at {Target} failed ({Reason}); {Next}",
                request.Id, target.Attempts, target.Service, target.LastError, exhausted ? "attempts exhausted, Failed" : "retried after the backoff");
        }
    }

    /// <summary>Publishes <c>CustomerErasureRequested</c> through the outbox, in the transaction of the attempt; asks again if no confirmation came in time.</summary>
    private Task RequestAsynchronousErasureAsync(ErasureDbContext db, ErasureRequest request, ErasureTarget target, string subject, ErasureOptions settings)
    {
        var now = time.GetUtcNow();
        if (target.State == TargetState.InProgress && target.Attempts >= settings.MaxAttempts)
        {
            LedgerRules.RecordFailure(target, $"No confirmation after {target.Attempts} request(s).", settings.MaxAttempts, now, 0);
            metrics.AttemptFailed(target.Service, exhausted: true);
            db.Record(LedgerEventKinds.TargetFailed, request, now, target.Service);
            logger.LogWarning("Erasure request {ErasureRequestId}: {Target} never confirmed; Failed", request.Id, target.Service);
            return Task.CompletedTask;
        }

        if (target.State == TargetState.InProgress && target.LastError is null)
        {
            target.LastError = $"No confirmation within {settings.ConfirmationTimeout}; asked again.";
        }

        LedgerRules.Attempt(target, now, now.Add(settings.ConfirmationTimeout).ToUnixTimeMilliseconds());
        db.Enqueue(new CustomerErasureRequested(request.Id, request.SubjectType, request.SubjectId), now);
        metrics.Attempted(target.Service);
        logger.LogInformation("Erasure request {ErasureRequestId}: asked {Target} to erase {SubjectToken} (attempt {Attempt})", request.Id, target.Service, subject, target.Attempts);
        return Task.CompletedTask;
    }

    /// <summary>Every target has reported: each is asked what it still holds. Zero everywhere completes the request.</summary>
    private async Task VerifyAsync(
        ErasureDbContext db, TargetCalls calls, ErasureRequest request, string subject, ErasureOptions settings, CancellationToken cancellationToken)
    {
        foreach (var target in request.Targets.Where(t => IsDue(t, TargetState.Erased)))
        {
            var now = time.GetUtcNow();
            try
            {
                var held = await calls.CountAsync(target, request.SubjectId, cancellationToken);
                if (held.Records == 0 && held.Fields == 0)
                {
                    LedgerRules.Verify(target, now);
                }
                else
                {
                    LedgerRules.FoundLeftBehind(target, $"Verification found {held.Records} record(s) with {held.Fields} personal field(s) left; erasing again.", now);
                    logger.LogWarning("Erasure request {ErasureRequestId}: {Target} still holds {Records} record(s) of {SubjectToken}; erasing again", request.Id, target.Service, held.Records, subject);
                    signal.Notify();
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LedgerRules.VerificationUnanswered(target, $"Verification could not ask: {exception.GetBaseException().Message}", now, RetryAt(now, 1, settings));
            }
        }

        if (request.Targets.All(t => t.State == TargetState.Verified))
        {
            var now = time.GetUtcNow();
            request.CompletedAt = now;
            request.OpenSubject = null;
            db.Record(LedgerEventKinds.Verified, request, now);
            metrics.Completed();
            logger.LogInformation("Erasure request {ErasureRequestId} for {SubjectToken} is Verified at every target", request.Id, subject);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static long RetryAt(DateTimeOffset now, int attempts, ErasureOptions settings) =>
        now.Add(LedgerRules.Backoff(attempts, settings.FirstRetryDelay, settings.MaxRetryDelay)).ToUnixTimeMilliseconds();
}
