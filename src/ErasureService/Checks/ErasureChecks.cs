namespace ProductCatalogOrders.ErasureService.Checks;

/// <summary>Evaluates every registered check, in order, and always all of them, so a Blocked request lists every reason at once.</summary>
public sealed class ErasureChecks(IEnumerable<IErasureCheck> checks, ILogger<ErasureChecks> logger)
{
    public async Task<IReadOnlyList<CheckVerdict>> EvaluateAsync(ErasureCheckContext context, CancellationToken cancellationToken)
    {
        var verdicts = new List<CheckVerdict>();
        foreach (var check in checks)
        {
            try
            {
                verdicts.Add(await check.EvaluateAsync(context, cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A check that breaks refuses: an irreversible step never proceeds on an unknown.
                logger.LogError(exception, "Erasure check {Check} failed to evaluate for request {ErasureRequestId}", check.Name, context.Request.Id);
                verdicts.Add(CheckVerdict.Fail(check.Name, $"The check could not be evaluated ({exception.GetBaseException().Message})."));
            }
        }

        return verdicts;
    }

    /// <summary>The failed checks as one line for the ledger: "legal-hold: ...; dependency: ...".</summary>
    public static string Describe(IEnumerable<CheckVerdict> failed) => string.Join("; ", failed.Select(v => $"{v.Check}: {v.Reason}"));
}
