using Microsoft.Extensions.Logging;

namespace ProductCatalogOrders.ErasureDataset.Retention.Checks;

/// <summary>Evaluates every registered check, in order, and always all of them, so a refusal lists every reason at once.</summary>
public sealed partial class DatasetFolderChecks(IEnumerable<IDatasetFolderCheck> checks, ILogger<DatasetFolderChecks> logger)
{
    public async Task<IReadOnlyList<CheckVerdict>> EvaluateAsync(DatasetFolderCheckContext context, CancellationToken cancellationToken)
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
                // A check that breaks refuses: a folder is never deleted on an unknown.
                LogCheckBroke(exception, check.Name, context.Folder.DisplayName);
                verdicts.Add(CheckVerdict.Fail(check.Name, $"The check could not be evaluated ({exception.GetBaseException().Message})."));
            }
        }

        return verdicts;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Dataset retention check {Check} failed to evaluate for {Folder}")]
    private partial void LogCheckBroke(Exception exception, string check, string folder);
}
