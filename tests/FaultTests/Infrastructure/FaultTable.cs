using System.Text;

namespace ProductCatalogOrders.FaultTests.Infrastructure;

/// <summary>
/// Collects one row per scenario and prints the table when the suite ends: in the output of
/// <c>dotnet test</c> (and so <c>eng/test.sh</c>), and in <c>fault-table.md</c> beside the test assembly.
/// </summary>
public sealed class FaultTable : IAsyncDisposable
{
    private readonly List<FaultRow> _rows = [];

    public void Add(FaultRow row)
    {
        lock (_rows)
        {
            _rows.Add(row);
        }
    }

    /// <summary>Replaces a recorded row's figures with ones measured after its verdict.</summary>
    public void Amend(FaultRow row, string figures)
    {
        lock (_rows)
        {
            var index = _rows.IndexOf(row);
            _rows[index] = row with { Figures = string.IsNullOrEmpty(row.Figures) ? figures : $"{row.Figures}; {figures}" };
        }
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | events sent | lost | resurrected | orphaned | divergent | converged in | figures |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        lock (_rows)
        {
            foreach (var row in _rows)
            {
                text.AppendLine(row.Markdown());
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_rows.Count == 0)
        {
            return;
        }

        var table = $"{Environment.NewLine}Fault suite ({Environment.ProcessorCount} cores, .NET {Environment.Version}):{Environment.NewLine}{Markdown()}";
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fault-table.md"), table);
        // A diagnostic message is what dotnet test prints from an xunit v3 assembly (xunit.runner.json
        // turns them on); console output of the test process is not shown.
        TestContext.Current.SendDiagnosticMessage(table);
    }
}
