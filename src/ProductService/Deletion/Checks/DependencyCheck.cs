using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.ProductService.Deletion.Checks;

/// <summary>
/// Nothing still depends on the product: every registered consumer has confirmed the decommission,
/// and OrderService reports no open order with it. OrderService is asked at the moment of the check,
/// and a check that cannot ask fails: an irreversible step never proceeds on a guess.
/// </summary>
public sealed class DependencyCheck(IOptions<DeletionOptions> options, IOpenOrders openOrders) : IDeletionCheck
{
    public string Name => "dependency";

    public async Task<CheckVerdict> EvaluateAsync(DeletionCheckContext context, CancellationToken cancellationToken)
    {
        var pending = options.Value.ConsumerNames.Except(context.ConfirmedConsumers).ToList();
        if (pending.Count > 0)
        {
            return CheckVerdict.Fail(Name, $"Not yet confirmed by {string.Join(", ", pending)}.");
        }

        int open;
        try
        {
            open = await openOrders.CountAsync(context.Product.Id, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Refused connection, timeout, open circuit, an answer that is not the expected JSON: all mean "unknown".
            return CheckVerdict.Fail(Name, $"OrderService could not be asked about open orders ({exception.GetBaseException().Message}).");
        }

        return open == 0
            ? CheckVerdict.Pass(Name, "Every consumer confirmed and no open order references the product.")
            : CheckVerdict.Fail(Name, $"{open} open order(s) still reference the product.");
    }
}
