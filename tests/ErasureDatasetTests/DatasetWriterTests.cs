using Parquet;
using ProductCatalogOrders.ErasureDataset;
using ProductCatalogOrders.ErasureDataset.Layout;
using ProductCatalogOrders.ErasureDataset.Writing;

namespace ProductCatalogOrders.ErasureDatasetTests;

public sealed class DatasetWriterTests
{
    private static readonly string[] Services = ["erasure-service", "order-service", "catalog-service"];

    [Fact]
    public async Task Dataset_read_back_equals_the_source()
    {
        using var folder = new TemporaryFolder();
        var source = new InMemoryErasureEventSource();
        AppendSpreadOverThreeDays(source, 700);
        await using var host = new DatasetHost(folder.Path, source, batchSize: 150);

        var batches = await host.WriteAllAsync();

        Assert.Equal(5, batches);
        Assert.Equal(source.Events, await host.Reader.ReadAllAsync(TestContext.Current.CancellationToken));
        Assert.Equal(new WriterCursor(700, null), await host.Cursor.LoadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_crash_between_the_files_and_the_cursor_leaves_no_duplicate_and_no_gap_after_a_restart()
    {
        using var folder = new TemporaryFolder();
        var source = new InMemoryErasureEventSource();
        AppendSpreadOverThreeDays(source, 150);
        CrashBeforeCursorStore? crashing = null;
        await using (var first = new DatasetHost(folder.Path, source, batchSize: 100, wrapCursor: inner => crashing = new CrashBeforeCursorStore(inner, crashOnBatch: 2)))
        {
            Assert.Equal(100, await first.WriteNextBatchAsync());
            await Assert.ThrowsAsync<IOException>(first.WriteNextBatchAsync);
            Assert.True(crashing!.Crashed);

            // The crash window for real: the second batch's rows are on disk, the cursor does not know it.
            var onDisk = await first.Reader.ReadAllAsync(TestContext.Current.CancellationToken);
            Assert.Equal(150, onDisk.Count);
            Assert.Equal(new WriterCursor(100, new BatchRange(100, 150)), await first.Cursor.LoadAsync(TestContext.Current.CancellationToken));
            Assert.Contains(first.Layout.DayFolders(), day => File.Exists(first.Layout.WritingMarker(day)));
        }

        // Events keep arriving while the writer is down: "the next 100 after the cursor" is no longer the batch that crashed,
        // and files named after it would hold its rows a second time.
        AppendSpreadOverThreeDays(source, 120);

        await using var restarted = new DatasetHost(folder.Path, source, batchSize: 100);
        await restarted.WriteAllAsync();

        var readBack = await restarted.Reader.ReadAllAsync(TestContext.Current.CancellationToken);
        Assert.Equal(source.Events.Select(e => e.Sequence), readBack.Select(e => e.Sequence));
        Assert.Equal(source.Events, readBack);
        Assert.DoesNotContain(restarted.Layout.DayFolders(), day => File.Exists(restarted.Layout.WritingMarker(day)));
        Assert.Contains(restarted.Logs.GetSnapshot(), log => log.Message.Contains("interrupted batch after 100 through 150", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_writer_whose_cursor_is_behind_its_files_stops_instead_of_writing_rows_twice()
    {
        using var folder = new TemporaryFolder();
        var source = new InMemoryErasureEventSource();
        AppendSpreadOverThreeDays(source, 30);
        await using (var first = new DatasetHost(folder.Path, source, batchSize: 20))
        {
            await first.WriteAllAsync();
            File.Delete(first.Layout.CursorPath);
        }

        await using var restarted = new DatasetHost(folder.Path, source, batchSize: 20);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(restarted.WriteNextBatchAsync);

        Assert.StartsWith("The erasure dataset holds sequence 30 but its cursor", refused.Message, StringComparison.Ordinal);
        Assert.Equal(source.Events, await restarted.Reader.ReadAllAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_day_folder_holds_exactly_the_events_whose_UTC_time_falls_on_that_day()
    {
        using var folder = new TemporaryFolder();
        var source = new InMemoryErasureEventSource();
        var lastOfNov28 = source.Append(new DateTimeOffset(2026, 11, 28, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990));
        var firstOfNov29 = source.Append(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        // 01:30 on the 30th in UTC+2 is 23:30 on the 29th in UTC: it belongs to the 29th.
        var lateNov29InUtc = source.Append(new DateTimeOffset(2026, 11, 30, 1, 30, 0, TimeSpan.FromHours(2)));
        // 22:00 on the 29th in UTC-3 is 01:00 on the 30th in UTC.
        var earlyNov30InUtc = source.Append(new DateTimeOffset(2026, 11, 29, 22, 0, 0, TimeSpan.FromHours(-3)));
        await using var host = new DatasetHost(folder.Path, source);

        await host.WriteAllAsync();

        var days = host.Layout.DayFolders();
        Assert.Equal(["date=2026-11-28", "date=2026-11-29", "date=2026-11-30"], days.Select(d => d.Name));
        Assert.Equal([lastOfNov28], await host.Reader.ReadDayAsync(days[0], TestContext.Current.CancellationToken));
        Assert.Equal([firstOfNov29, lateNov29InUtc], await host.Reader.ReadDayAsync(days[1], TestContext.Current.CancellationToken));
        Assert.Equal([earlyNov30InUtc], await host.Reader.ReadDayAsync(days[2], TestContext.Current.CancellationToken));
        Assert.All(await host.Reader.ReadAllAsync(TestContext.Current.CancellationToken), e => Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset));
    }

    [Fact]
    public async Task Files_are_named_after_the_service_the_kind_and_the_zero_padded_sequences_they_hold()
    {
        using var folder = new TemporaryFolder();
        var source = new InMemoryErasureEventSource();
        var at = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        source.Append(at, "erasure-service", ErasureEventKinds.Requested);
        source.Append(at, "order-service", ErasureEventKinds.TargetErased);
        source.Append(at, "erasure-service", ErasureEventKinds.Requested);
        source.Append(at, "catalog/service", ErasureEventKinds.TargetFailed);
        source.Append(at, "erasure-service", ErasureEventKinds.Verified);
        await using var host = new DatasetHost(folder.Path, source);

        await host.WriteAllAsync();

        var day = Assert.Single(host.Layout.DayFolders());
        Assert.Equal(
            [
                "catalog_service.target-failed.0000000000000000004-0000000000000000004.parquet",
                "erasure-service.requested.0000000000000000001-0000000000000000003.parquet",
                "erasure-service.verified.0000000000000000005-0000000000000000005.parquet",
                "order-service.target-erased.0000000000000000002-0000000000000000002.parquet",
            ],
            DatasetLayout.DataFiles(day).Select(Path.GetFileName));
        Assert.Equal(["_cursor.json", "date=2026-11-30"], Directory.EnumerateFileSystemEntries(host.Layout.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(DatasetLayout.DataFiles(day).Select(Path.GetFileName), Directory.EnumerateFiles(day.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // The column keeps the exact service name; only the file name makes it safe.
        Assert.Equal("catalog/service", (await ErasureDataset.Reading.ErasureDatasetReader.ReadFileAsync(DatasetLayout.DataFiles(day)[0], TestContext.Current.CancellationToken)).Single().Service);
    }

    [Fact]
    public void File_names_parse_back_and_sort_in_sequence_order()
    {
        var small = new DatasetFileName("erasure-service", ErasureEventKinds.TargetErased, 9, 10);
        var large = new DatasetFileName("erasure-service", ErasureEventKinds.TargetErased, 11, 1_000_000_000_000);

        Assert.True(DatasetFileName.TryParse(large.ToString(), out var parsed));
        Assert.Equal(large, parsed);
        Assert.True(string.CompareOrdinal(small.ToString(), large.ToString()) < 0);
        Assert.False(DatasetFileName.TryParse("notes.txt", out _));
        Assert.False(DatasetFileName.TryParse("erasure-service.requested.0000000000000000009-0000000000000000001.parquet", out _));
    }

    [Fact]
    public async Task The_files_hold_the_seven_columns_and_occurred_at_as_a_UTC_timestamp()
    {
        using var folder = new TemporaryFolder();
        var source = new InMemoryErasureEventSource();
        source.Append(DatasetHost.Now);
        await using var host = new DatasetHost(folder.Path, source);
        await host.WriteAllAsync();

        var file = DatasetLayout.DataFiles(Assert.Single(host.Layout.DayFolders())).Single();
        await using var stream = File.OpenRead(file);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["sequence", "occurred_at", "service", "kind", "request_id", "subject_type", "subject_id"], reader.Schema.DataFields.Select(f => f.Name));
        var occurredAt = Assert.IsType<Parquet.Schema.DateTimeDataField>(reader.Schema.DataFields[1]);
        Assert.True(occurredAt.IsAdjustedToUTC);
    }

    /// <summary>Events over three UTC days, from three services, of every kind.</summary>
    private static void AppendSpreadOverThreeDays(InMemoryErasureEventSource source, int count)
    {
        var start = new DateTimeOffset(2026, 11, 27, 22, 0, 0, TimeSpan.Zero);
        var offset = source.Events.Count;
        for (var i = 0; i < count; i++)
        {
            var n = offset + i;
            source.Append(start + TimeSpan.FromMinutes(13 * n) + TimeSpan.FromMilliseconds(n % 7), Services[n % 3], ErasureEventKinds.All[n % 5], $"customer-{n % 11}");
        }
    }
}
