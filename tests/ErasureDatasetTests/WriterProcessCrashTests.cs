using System.Diagnostics;
using System.Text.Json;
using ProductCatalogOrders.ErasureDataset;
using ProductCatalogOrders.ErasureDataset.Writing;

namespace ProductCatalogOrders.ErasureDatasetTests;

/// <summary>
/// The crash window with a real crash: the writer runs as a process of its own over an event log in a file,
/// stops after a batch's files are in place and before its cursor is, and is killed there (SIGKILL).
/// </summary>
public sealed class WriterProcessCrashTests
{
    private const string CrashWindow = "IN-CRASH-WINDOW";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_writer_killed_between_its_files_and_its_cursor_leaves_no_duplicate_and_no_gap_after_a_restart()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var folder = new TemporaryFolder();
        var log = Path.Combine(folder.Path, "events.jsonl");
        var source = new InMemoryErasureEventSource();
        // A batch smaller than the batch size crashes; what arrives meanwhile would make "the next 100" another batch.
        Append(source, 70);
        await File.WriteAllLinesAsync(log, source.Events.Select(e => JsonSerializer.Serialize(e, Json)), cancel);

        using (var crashing = StartWriter(folder.Path, log, "--pause-before-cursor"))
        {
            string? line;
            try
            {
                do
                {
                    line = await crashing.StandardOutput.ReadLineAsync(cancel).AsTask().WaitAsync(TimeSpan.FromMinutes(1), cancel);
                }
                while (line is not null && line != CrashWindow);
            }
            catch (TimeoutException)
            {
                crashing.Kill(entireProcessTree: true);
                throw;
            }

            if (line != CrashWindow)
            {
                Assert.Fail($"The writer ended before its crash window: {await crashing.StandardError.ReadToEndAsync(cancel)}");
            }

            crashing.Kill(entireProcessTree: true);
            await crashing.WaitForExitAsync(cancel);
        }

        await using (var inspect = new DatasetHost(folder.Path, source))
        {
            Assert.Equal(70, (await inspect.Reader.ReadAllAsync(cancel)).Count);
            Assert.Equal(new WriterCursor(0, new BatchRange(0, 70)), await inspect.Cursor.LoadAsync(cancel));
        }

        Append(source, 140);
        await File.WriteAllLinesAsync(log, source.Events.Select(e => JsonSerializer.Serialize(e, Json)), cancel);
        using (var restarted = StartWriter(folder.Path, log))
        {
            var output = restarted.StandardOutput.ReadToEndAsync(cancel);
            var errors = restarted.StandardError.ReadToEndAsync(cancel);
            try
            {
                await restarted.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromMinutes(1), cancel);
            }
            finally
            {
                if (!restarted.HasExited)
                {
                    restarted.Kill(entireProcessTree: true);
                }
            }

            Assert.True(restarted.ExitCode == 0, await errors);
            Assert.Equal("WROTE 210", (await output).Trim());
        }

        await using var after = new DatasetHost(folder.Path, source);
        Assert.Equal(source.Events, await after.Reader.ReadAllAsync(cancel));
    }

    private static Process StartWriter(string datasetPath, string log, params string[] extra)
    {
        // tests/ErasureDatasetTests/bin/<configuration>/<tfm>/ → tests/ErasureDatasetWriterProcess/bin/<configuration>/<tfm>/
        var output = AppContext.BaseDirectory.Replace(
            $"{Path.DirectorySeparatorChar}ErasureDatasetTests{Path.DirectorySeparatorChar}",
            $"{Path.DirectorySeparatorChar}ErasureDatasetWriterProcess{Path.DirectorySeparatorChar}",
            StringComparison.Ordinal);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(output, "ProductCatalogOrders.ErasureDatasetWriterProcess.dll"), datasetPath, log, "100" }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static void Append(InMemoryErasureEventSource source, int count)
    {
        var start = new DateTimeOffset(2026, 11, 28, 21, 0, 0, TimeSpan.Zero);
        var offset = source.Events.Count;
        for (var i = offset; i < offset + count; i++)
        {
            source.Append(start + TimeSpan.FromMinutes(31 * i), i % 2 == 0 ? "erasure-service" : "order-service", ErasureEventKinds.All[i % 5]);
        }
    }
}
