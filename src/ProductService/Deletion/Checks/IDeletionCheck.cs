namespace ProductCatalogOrders.ProductService.Deletion.Checks;

/// <summary>
/// One condition an irreversible deletion step must meet. Checks are registered in DI with
/// <see cref="DeletionCheckSetup.AddDeletionCheck{TCheck}"/> and evaluated in registration order;
/// adding a check means adding one class.
/// </summary>
public interface IDeletionCheck
{
    /// <summary>A short name shown in verdicts: "retention", "authorization", ...</summary>
    string Name { get; }

    Task<CheckVerdict> EvaluateAsync(DeletionCheckContext context, CancellationToken cancellationToken);
}
