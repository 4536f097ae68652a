using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.ProductService.Deletion.Checks;

/// <summary>The retention period after decommission has passed.</summary>
public sealed class RetentionCheck(IOptions<DeletionOptions> options) : IDeletionCheck
{
    public string Name => "retention";

    public Task<CheckVerdict> EvaluateAsync(DeletionCheckContext context, CancellationToken cancellationToken)
    {
        var period = options.Value.RetentionPeriod;
        var retainedUntil = context.Product.RetainedUntil(period);
        var verdict = retainedUntil switch
        {
            null => CheckVerdict.Fail(Name, $"Product is {context.Product.Status}; retention only starts at decommission."),
            var until when context.Now < until => CheckVerdict.Fail(Name, $"Retained until {until:O} ({period.TotalDays:0.#} days after decommission)."),
            var until => CheckVerdict.Pass(Name, $"Retention ended at {until:O}."),
        };
        return Task.FromResult(verdict);
    }
}
