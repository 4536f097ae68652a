using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.ErasureService.Targets;

namespace ProductCatalogOrders.ErasureService.Checks;

/// <summary>
/// Nothing still needs the subject's data: every synchronous target is asked, now, for the reasons it
/// must wait (OrderService: open orders still need their shipping address). One that cannot be asked
/// fails the check: an irreversible step never proceeds on a guess. Asynchronous targets are reached
/// through the broker, which holds the request while they are down, and decide for themselves.
/// </summary>
public sealed class DependencyCheck(TargetCalls calls) : IErasureCheck
{
    public string Name => "dependency";

    public async Task<CheckVerdict> EvaluateAsync(ErasureCheckContext context, CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        foreach (var target in context.Request.Targets.Where(t => t.Method == ErasureMethod.Synchronous))
        {
            try
            {
                var held = await calls.CountAsync(target, context.Request.SubjectId, cancellationToken);
                reasons.AddRange(held.Blockers.Select(b => $"{target.Service}: {b}"));
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                reasons.Add($"{target.Service} could not be asked ({exception.GetBaseException().Message}).");
            }
        }

        return reasons.Count == 0
            ? CheckVerdict.Pass(Name, "No target reports anything that still needs the data.")
            : CheckVerdict.Fail(Name, string.Join(" ", reasons));
    }
}
