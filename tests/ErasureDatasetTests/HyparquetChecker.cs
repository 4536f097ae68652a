using System.Diagnostics;

namespace ProductCatalogOrders.ErasureDatasetTests;

/// <summary>
/// Runs <c>eng/erasure-dataset/check.mjs</c>: the dataset read by hyparquet, a JavaScript Parquet reader that
/// shares no code with Parquet.Net. Installs it from its lock file on first use; a machine without node
/// (or without the package registry) skips, saying so.
/// </summary>
public static class HyparquetChecker
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static string ScriptFolder => Path.Combine(RepositoryRoot(), "eng", "erasure-dataset");

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var cancel = TestContext.Current.CancellationToken;
        if (!await SucceedsAsync("node", ["--version"], ScriptFolder, cancel))
        {
            Assert.Skip("node is not installed: the dataset cannot be checked with hyparquet here.");
        }

        await Install.WaitAsync(cancel);
        try
        {
            if (!Directory.Exists(Path.Combine(ScriptFolder, "node_modules", "hyparquet"))
                && !await SucceedsAsync("npm", ["ci", "--no-audit", "--no-fund"], ScriptFolder, cancel))
            {
                Assert.Skip("npm could not install hyparquet (no package registry?): the dataset cannot be checked with it here.");
            }
        }
        finally
        {
            Install.Release();
        }

        return await RunProcessAsync("node", ["check.mjs", .. arguments], ScriptFolder, cancel);
    }

    private static async Task<bool> SucceedsAsync(string file, string[] arguments, string folder, CancellationToken cancel)
    {
        try
        {
            return (await RunProcessAsync(file, arguments, folder, cancel)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string file, string[] arguments, string folder, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "global.json")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
