using ProductCatalogOrders.BuildingBlocks.Security;

namespace ProductCatalogOrders.ErasureDataset.Retention.Checks;

/// <summary>
/// The caller holds <c>admin</c>. The HTTP route requires it already; the check keeps the rule with
/// the deletion, so a caller in code (a scheduled job) is held to it too, and the verdict names who asked.
/// </summary>
public sealed class AuthorizationCheck : IDatasetFolderCheck
{
    public string Name => "authorization";

    public Task<CheckVerdict> EvaluateAsync(DatasetFolderCheckContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller.Actor();
        return Task.FromResult(context.Caller.HasScope(Scopes.Admin)
            ? CheckVerdict.Pass(Name, $"{caller} holds {Scopes.Admin}.")
            : CheckVerdict.Fail(Name, $"{caller} does not hold {Scopes.Admin}."));
    }
}
