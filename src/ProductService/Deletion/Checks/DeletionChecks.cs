using Microsoft.Extensions.Logging;

namespace ProductCatalogOrders.ProductService.Deletion.Checks;

/// <summary>Evaluates every registered check, in order, and always all of them, so a refusal lists every reason at once.</summary>
public sealed class DeletionChecks(IEnumerable<IDeletionCheck> checks, ILogger<DeletionChecks> logger)
{
    public async Task<IReadOnlyList<CheckVerdict>> EvaluateAsync(DeletionCheckContext context, CancellationToken cancellationToken)
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
                logger.LogError(exception, "Deletion check {Check} failed to evaluate for product {ProductId}", check.Name, context.Product.Id);
                verdicts.Add(CheckVerdict.Fail(check.Name, $"The check could not be evaluated ({exception.Message})."));
            }
        }

        return verdicts;
    }
}
