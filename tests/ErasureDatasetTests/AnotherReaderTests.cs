using System.Globalization;
using System.Text.Json;
using ProductCatalogOrders.ErasureDataset;
using ProductCatalogOrders.ErasureDataset.Layout;

namespace ProductCatalogOrders.ErasureDatasetTests;

/// <summary>The dataset as a batch job outside .NET reads it: with hyparquet, through <c>eng/erasure-dataset/check.mjs</c>.</summary>
public sealed class AnotherReaderTests
{
    [Fact]
    public async Task Hyparquet_reads_the_dataset_written_through_a_crash_equal_to_the_source()
    {
        using var folder = new TemporaryFolder();
        var source = new InMemoryErasureEventSource();
        Append(source, 90);
        await using (var crashed = new DatasetHost(folder.Path, source, batchSize: 40, wrapCursor: inner => new CrashBeforeCursorStore(inner, crashOnBatch: 3)))
        {
            await crashed.WriteNextBatchAsync();
            await crashed.WriteNextBatchAsync();
            await Assert.ThrowsAsync<IOException>(crashed.WriteNextBatchAsync);
        }

        Append(source, 30);
        await using (var restarted = new DatasetHost(folder.Path, source, batchSize: 40))
        {
            await restarted.WriteAllAsync();
        }

        var expected = Path.Combine(folder.Path, "expected.jsonl");
        await File.WriteAllLinesAsync(expected, source.Events.Select(JsonLine), TestContext.Current.CancellationToken);

        var (exitCode, output) = await HyparquetChecker.RunAsync(folder.Path, "--expect", expected);

        Assert.True(exitCode == 0, output);
        Assert.Contains("equal to the 120 expected events", output, StringComparison.Ordinal);
        Assert.Contains(" day folders, 120 rows, 0 problems", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hyparquet_finds_a_row_written_twice_and_a_row_in_the_wrong_day()
    {
        using var folder = new TemporaryFolder();
        var source = new InMemoryErasureEventSource();
        Append(source, 10);
        await using (var host = new DatasetHost(folder.Path, source))
        {
            await host.WriteAllAsync();
            var days = host.Layout.DayFolders();
            var misplaced = DatasetLayout.DataFiles(days[0])[0];
            File.Copy(misplaced, Path.Combine(days[1].Path, Path.GetFileName(misplaced)));
        }

        var (exitCode, output) = await HyparquetChecker.RunAsync(folder.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("appears twice", output, StringComparison.Ordinal);
        Assert.Contains("occurred at", output, StringComparison.Ordinal);
    }

    private static void Append(InMemoryErasureEventSource source, int count)
    {
        var start = new DateTimeOffset(2026, 11, 28, 20, 0, 0, TimeSpan.FromHours(1));
        var services = new[] { "erasure-service", "order-service", "catalog-service" };
        var offset = source.Events.Count;
        for (var i = offset; i < offset + count; i++)
        {
            source.Append(start + TimeSpan.FromMinutes(47 * i) + TimeSpan.FromMilliseconds(i), services[i % 3], ErasureEventKinds.All[i % 5], $"customer-{i % 7}");
        }
    }

    /// <summary>One event as check.mjs prints a row: occurred_at in ISO 8601 UTC with milliseconds.</summary>
    private static string JsonLine(ErasureEvent e) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["sequence"] = e.Sequence,
        ["occurred_at"] = e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["service"] = e.Service,
        ["kind"] = e.Kind,
        ["request_id"] = e.RequestId.ToString("D"),
        ["subject_type"] = e.SubjectType,
        ["subject_id"] = e.SubjectId,
    });
}
