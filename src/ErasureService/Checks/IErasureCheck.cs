namespace ProductCatalogOrders.ErasureService.Checks;

/// <summary>
/// One condition every erasure must meet before any target is touched. Registered with
/// <see cref="ErasureCheckSetup.AddErasureCheck{TCheck}"/> and evaluated in registration order;
/// adding a check means adding one class and one line.
/// </summary>
public interface IErasureCheck
{
    /// <summary>A short name shown in the reasons: "legal-hold", "dependency".</summary>
    string Name { get; }

    Task<CheckVerdict> EvaluateAsync(ErasureCheckContext context, CancellationToken cancellationToken);
}
