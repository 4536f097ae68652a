namespace ProductCatalogOrders.ProductService.Deletion.Checks;

/// <summary>No legal hold is set on the product.</summary>
public sealed class LegalHoldCheck : IDeletionCheck
{
    public string Name => "legal-hold";

    public Task<CheckVerdict> EvaluateAsync(DeletionCheckContext context, CancellationToken cancellationToken)
    {
        var product = context.Product;
        return Task.FromResult(product.IsOnLegalHold
            ? CheckVerdict.Fail(Name, $"On legal hold since {product.LegalHoldSince:O} by {product.LegalHoldBy}: {product.LegalHoldReason}")
            : CheckVerdict.Pass(Name, "No legal hold."));
    }
}
