using Microsoft.EntityFrameworkCore;
using ProductCatalogOrders.ErasureService.Storage;

namespace ProductCatalogOrders.ErasureService.Checks;

/// <summary>No legal hold is set on the subject (<c>PUT /subjects/{type}/{id}/legal-hold</c>).</summary>
public sealed class LegalHoldCheck(ErasureDbContext db) : IErasureCheck
{
    public string Name => "legal-hold";

    public async Task<CheckVerdict> EvaluateAsync(ErasureCheckContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var hold = await db.LegalHolds.AsNoTracking()
            .SingleOrDefaultAsync(h => h.SubjectType == request.SubjectType && h.SubjectId == request.SubjectId, cancellationToken);
        return hold is null
            ? CheckVerdict.Pass(Name, "No legal hold.")
            : CheckVerdict.Fail(Name, $"On legal hold since {hold.SetAt:O} by {hold.SetBy}: {hold.Reason}");
    }
}
