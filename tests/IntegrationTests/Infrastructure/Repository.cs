using System.Diagnostics;

namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>The repository the tests run from: its eng/ scripts are part of what they test.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Runs <c>bash eng/SCRIPT args...</c> and returns its output; fails the test with its error output if it fails.</summary>
    public static async Task<string> RunScriptAsync(string script, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Root, "eng", script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"eng/{script} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}");
        return await output;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "global.json")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
