using ProductCatalogOrders.ErasureDataset.Layout;
using ProductCatalogOrders.ErasureDataset.Retention;
using ProductCatalogOrders.ErasureDataset.Retention.Checks;
using ProductCatalogOrders.ErasureDataset.Writing;

namespace ProductCatalogOrders.ErasureDatasetTests;

/// <summary>The checks a run cannot reach on its own: today's folder is never past retention by its name.</summary>
public sealed class DatasetFolderCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 0, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-30", false)]
    [InlineData("2026-12-01", false)]
    [InlineData("2026-11-29", true)]
    public async Task The_routing_check_refuses_todays_folder_and_any_later_one(string day, bool passes)
    {
        var verdict = await new RoutingCheck().EvaluateAsync(Context(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)), TestContext.Current.CancellationToken);

        Assert.Equal(passes, verdict.Passed);
        Assert.Equal("routing", verdict.Check);
    }

    [Fact]
    public async Task The_authorization_check_passes_an_admin_and_names_the_caller()
    {
        var verdict = await new AuthorizationCheck().EvaluateAsync(Context(new DateOnly(2024, 1, 1)), TestContext.Current.CancellationToken);

        Assert.Equal(CheckVerdict.Pass("authorization", "ops-admin holds admin."), verdict);
    }

    private static DatasetFolderCheckContext Context(DateOnly day) => new(
        new DayFolder(day, Path.Combine(Path.GetTempPath(), DayFolder.NameFor(day))),
        Callers.Admin,
        Now,
        TimeSpan.FromDays(400),
        new PendingEventDays(new InMemoryErasureEventSource(), new NoCursor()));

    private sealed class NoCursor : IWriterCursorStore
    {
        public Task<WriterCursor> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(WriterCursor.Start);

        public Task SaveAsync(WriterCursor cursor, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
