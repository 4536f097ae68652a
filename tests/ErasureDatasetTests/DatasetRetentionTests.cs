using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ProductCatalogOrders.ErasureDataset;
using ProductCatalogOrders.ErasureDataset.Layout;
using ProductCatalogOrders.ErasureDataset.Retention;
using ProductCatalogOrders.ErasureDataset.Writing;

namespace ProductCatalogOrders.ErasureDatasetTests;

/// <summary>
/// Retention of the dataset through <see cref="DatasetRetention"/> as registered. Now is 2026-11-30 10:00 UTC and
/// retention 400 days, so folders before 2025-10-26 are past retention by their names.
/// </summary>
public sealed class DatasetRetentionTests
{
    private static readonly DateOnly OldDay = new(2024, 1, 10);
    private static readonly DateOnly LastOldDay = new(2025, 10, 25);
    private static readonly DateOnly RecentDay = new(2026, 11, 29);

    [Fact]
    public async Task A_dry_run_lists_what_would_go_and_why_and_deletes_nothing()
    {
        using var folder = new TemporaryFolder();
        await using var host = await HostWithOldAndRecentDaysAsync(folder.Path);
        var before = await host.Reader.ReadAllAsync(TestContext.Current.CancellationToken);

        var report = await RunAsync(host, dryRun: true);

        Assert.True(report.DryRun);
        Assert.Equal(new DateOnly(2025, 10, 26), report.DeleteBefore);
        Assert.Equal(["erasure-events/date=2024-01-10", "erasure-events/date=2025-10-25"], report.Folders.Select(f => f.Folder));
        Assert.All(report.Folders, f => Assert.Equal(["storage", "upstream", "routing", "scheduling", "authorization"], f.Checks.Select(c => c.Check)));
        Assert.All(report.Folders.SelectMany(f => f.Checks), c => Assert.True(c.Passed, c.Reason));
        Assert.All(report.Folders, f => Assert.Equal(DayFolderOutcomes.WouldDelete, f.Outcome));
        Assert.Equal(1, report.FoldersWithinRetention);
        Assert.Equal(before, await host.Reader.ReadAllAsync(TestContext.Current.CancellationToken));
        Assert.Equal([OldDay, LastOldDay, RecentDay], host.Layout.DayFolders().Select(d => d.Date));
    }

    [Fact]
    public async Task A_real_run_deletes_the_folders_past_retention_audits_them_and_deletes_nothing_more_when_run_again()
    {
        using var folder = new TemporaryFolder();
        await using var host = await HostWithOldAndRecentDaysAsync(folder.Path);
        var recent = await host.Reader.ReadDayAsync(host.Layout.Day(RecentDay), TestContext.Current.CancellationToken);
        using var requests = new MetricCollector<long>(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            ErasureDatasetMetrics.MeterName, ErasureDatasetMetrics.RetentionRequestsName);
        using var successes = new MetricCollector<long>(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            ErasureDatasetMetrics.MeterName, ErasureDatasetMetrics.RetentionSuccessesName);

        var first = await RunAsync(host, dryRun: false);
        var second = await RunAsync(host, dryRun: false);

        Assert.Equal([DayFolderOutcomes.Deleted, DayFolderOutcomes.Deleted], first.Folders.Select(f => f.Outcome));
        Assert.Equal([RecentDay], host.Layout.DayFolders().Select(d => d.Date));
        Assert.Equal(recent, await host.Reader.ReadAllAsync(TestContext.Current.CancellationToken));
        Assert.Empty(Directory.EnumerateDirectories(host.Layout.Root, ".*"));
        Assert.Empty(second.Folders);
        Assert.Equal(2, requests.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(2, successes.GetMeasurementSnapshot().EvaluateAsCounter());

        var audit = host.Logs.GetSnapshot().Where(log => log.Category == DatasetRetentionAudit.Category).ToList();
        Assert.Equal(2, audit.Count(log => log.Id.Id == 1));
        var deleted = audit.Where(log => log.Id.Id == 2).ToList();
        Assert.Equal(["erasure-events/date=2024-01-10", "erasure-events/date=2025-10-25"], deleted.Select(log => log.GetStructuredStateValue("Folder")));
        Assert.All(deleted, log => Assert.Equal("ops-admin", log.GetStructuredStateValue("Actor")));
        Assert.All(deleted, log => Assert.Equal(DayFolderOutcomes.Deleted, log.GetStructuredStateValue("Outcome")));
    }

    [Fact]
    public async Task The_storage_check_keeps_a_folder_whose_name_is_old_but_whose_rows_are_recent()
    {
        using var folder = new TemporaryFolder();
        var source = new InMemoryErasureEventSource();
        await using var host = new DatasetHost(folder.Path, source);
        var recentRows = new[] { source.Append(DatasetHost.Now.AddDays(-3)), source.Append(DatasetHost.Now.AddDays(-2)) };
        // The rows are recent; only the folder's name says 2024.
        await DatasetFileWriter.WriteAsync(host.Layout.Day(OldDay), recentRows, TestContext.Current.CancellationToken);
        await host.Cursor.SaveAsync(new WriterCursor(2, null), TestContext.Current.CancellationToken);

        var report = await RunAsync(host, dryRun: false);

        var kept = Assert.Single(report.Folders);
        Assert.Equal(DayFolderOutcomes.Kept, kept.Outcome);
        var storage = Assert.Single(kept.Checks, c => !c.Passed);
        Assert.Equal("storage", storage.Check);
        Assert.Contains($"the newest, at {recentRows[1].OccurredAt:O}, is retained until", storage.Reason, StringComparison.Ordinal);
        Assert.Equal(recentRows, await host.Reader.ReadDayAsync(host.Layout.Day(OldDay), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_storage_check_keeps_a_folder_that_holds_a_file_it_cannot_account_for()
    {
        using var folder = new TemporaryFolder();
        await using var host = await HostWithOldAndRecentDaysAsync(folder.Path);
        await File.WriteAllTextAsync(Path.Combine(host.Layout.Day(OldDay).Path, "export.csv"), "a,b", TestContext.Current.CancellationToken);

        var report = await RunAsync(host, dryRun: false);

        Assert.Equal([DayFolderOutcomes.Kept, DayFolderOutcomes.Deleted], report.Folders.Select(f => f.Outcome));
        var storage = Assert.Single(report.Folders[0].Checks, c => !c.Passed);
        Assert.Equal("Holds files that are not data files of this dataset: export.csv.", storage.Reason);
        Assert.True(Directory.Exists(host.Layout.Day(OldDay).Path));
    }

    [Fact]
    public async Task The_upstream_check_keeps_a_folder_a_writer_is_writing_into_until_it_has_finished()
    {
        using var folder = new TemporaryFolder();
        var source = new InMemoryErasureEventSource();
        source.Append(OldDay.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc));
        // A writer that stopped after its files and before its cursor leaves the day marked as being written.
        await using (var crashed = new DatasetHost(folder.Path, source, wrapCursor: inner => new CrashBeforeCursorStore(inner, crashOnBatch: 1)))
        {
            await Assert.ThrowsAsync<IOException>(crashed.WriteNextBatchAsync);
        }

        await using var host = new DatasetHost(folder.Path, source);
        var refused = await RunAsync(host, dryRun: false);

        var kept = Assert.Single(refused.Folders);
        Assert.Equal(DayFolderOutcomes.Kept, kept.Outcome);
        Assert.Equal(["upstream", "scheduling"], kept.Checks.Where(c => !c.Passed).Select(c => c.Check));
        Assert.StartsWith("A writer is writing into it (batch 1-1, since", kept.Checks.Single(c => c.Check == "upstream").Reason, StringComparison.Ordinal);

        await host.WriteAllAsync();
        var allowed = await RunAsync(host, dryRun: false);

        Assert.Equal(DayFolderOutcomes.Deleted, Assert.Single(allowed.Folders).Outcome);
    }

    [Fact]
    public async Task The_scheduling_check_keeps_a_day_that_events_not_yet_written_fall_on()
    {
        using var folder = new TemporaryFolder();
        await using var host = await HostWithOldAndRecentDaysAsync(folder.Path);
        // A late event for an old day: in the source, not yet in the dataset.
        host.Source.Append(OldDay.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc));

        var refused = await RunAsync(host, dryRun: true);

        Assert.Equal([DayFolderOutcomes.Kept, DayFolderOutcomes.WouldDelete], refused.Folders.Select(f => f.Outcome));
        var scheduling = Assert.Single(refused.Folders[0].Checks, c => !c.Passed);
        Assert.Equal(("scheduling", "1 event(s) not yet written fall on 2024-01-10."), (scheduling.Check, scheduling.Reason));

        await host.WriteAllAsync();
        var allowed = await RunAsync(host, dryRun: true);

        Assert.All(allowed.Folders, f => Assert.Equal(DayFolderOutcomes.WouldDelete, f.Outcome));
    }

    [Fact]
    public async Task The_authorization_check_keeps_every_folder_for_a_caller_without_admin()
    {
        using var folder = new TemporaryFolder();
        await using var host = await HostWithOldAndRecentDaysAsync(folder.Path);

        var report = await RunAsync(host, dryRun: false, Callers.Clerk);

        Assert.All(report.Folders, f => Assert.Equal(DayFolderOutcomes.Kept, f.Outcome));
        Assert.All(report.Folders, f => Assert.Equal(
            [("authorization", "clerk does not hold admin.")],
            f.Checks.Where(c => !c.Passed).Select(c => (c.Check, c.Reason))));
        Assert.Equal([OldDay, LastOldDay, RecentDay], host.Layout.DayFolders().Select(d => d.Date));
    }

    [Fact]
    public async Task A_source_that_cannot_be_read_keeps_every_folder()
    {
        using var folder = new TemporaryFolder();
        await using var host = await HostWithOldAndRecentDaysAsync(folder.Path);
        await using var scope = host.Services.CreateAsyncScope();
        var retention = ActivatorUtilities.CreateInstance<DatasetRetention>(scope.ServiceProvider, new UnreachableSource());

        var report = await retention.RunAsync(Callers.Admin, dryRun: false, TestContext.Current.CancellationToken);

        Assert.All(report.Folders, f => Assert.Equal(DayFolderOutcomes.Kept, f.Outcome));
        Assert.All(report.Folders, f => Assert.Equal(
            [("scheduling", "The check could not be evaluated (ledger unreachable).")],
            f.Checks.Where(c => !c.Passed).Select(c => (c.Check, c.Reason))));
    }

    /// <summary>Events on two days past retention (the second one ends just before the cut) and on yesterday, all written.</summary>
    private static async Task<DatasetHost> HostWithOldAndRecentDaysAsync(string root)
    {
        var source = new InMemoryErasureEventSource();
        source.Append(OldDay.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));
        source.Append(OldDay.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc), "order-service", ErasureEventKinds.TargetErased);
        source.Append(LastOldDay.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc), "erasure-service", ErasureEventKinds.Verified);
        source.Append(RecentDay.ToDateTime(new TimeOnly(7, 0), DateTimeKind.Utc));
        var host = new DatasetHost(root, source);
        await host.WriteAllAsync();
        return host;
    }

    private static async Task<DatasetRetentionReport> RunAsync(DatasetHost host, bool dryRun, System.Security.Claims.ClaimsPrincipal? caller = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DatasetRetention>()
            .RunAsync(caller ?? Callers.Admin, dryRun, TestContext.Current.CancellationToken);
    }

    private sealed class UnreachableSource : IErasureEventSource
    {
        public Task<IReadOnlyList<ErasureEvent>> ReadAfterAsync(long afterSequence, int max, CancellationToken ct) =>
            throw new HttpRequestException("ledger unreachable");
    }
}
