using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProductCatalogOrders.BuildingBlocks.Http;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.ErasureDataset;
using ProductCatalogOrders.ErasureDataset.Retention;

namespace ProductCatalogOrders.ErasureDatasetTests;

/// <summary>
/// <c>POST /erasure/dataset/retention</c> in a web host set up as every service is (the shared HTTP defaults and
/// trust boundary, real bearer tokens), over a dataset with one day past retention and one within.
/// </summary>
public sealed class DatasetRetentionApiTests : IAsyncLifetime
{
    private static readonly DateOnly OldDay = new(2024, 1, 10);
    private readonly TemporaryFolder _folder = new();
    private readonly LocalTokenIssuer _tokens = LocalTokenIssuer.WithNewKey();
    private WebApplication? _app;
    private HttpClient? _client;

    public async ValueTask InitializeAsync()
    {
        var source = new InMemoryErasureEventSource();
        source.Append(OldDay.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));
        source.Append(DatasetHost.Now.AddDays(-1));
        await using (var writer = new DatasetHost(_folder.Path, source))
        {
            await writer.WriteAllAsync();
        }

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(_tokens.ServiceSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Erasure:Dataset:Path"] = _folder.Path });
        builder.AddHttpApiDefaults();
        builder.AddServiceSecurity();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DatasetHost.Now));
        builder.Services.AddSingleton<IErasureEventSource>(source);
        builder.Services.AddErasureDataset(builder.Configuration);
        _app = builder.Build();
        _app.UseHttpApiDefaults();
        _app.UseServiceSecurity();
        _app.MapDatasetRetention();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _client = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _folder.Dispose();
    }

    private string OldFolder => Path.Combine(_folder.Path, "erasure-events", "date=2024-01-10");

    [Fact]
    public async Task An_anonymous_caller_gets_401_and_nothing_is_deleted()
    {
        var response = await _client!.PostAsync("/erasure/dataset/retention", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(Directory.Exists(OldFolder));
    }

    [Fact]
    public async Task A_caller_without_admin_gets_a_403_problem_and_nothing_is_deleted()
    {
        var response = await SendAsync("/erasure/dataset/retention", Scopes.OrdersRead);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(Directory.Exists(OldFolder));
    }

    [Fact]
    public async Task A_dry_run_answers_each_folder_past_retention_with_its_verdicts_and_deletes_nothing()
    {
        var response = await SendAsync("/erasure/dataset/retention?dryRun=true", Scopes.Admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(body.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, body.RootElement.GetProperty("foldersWithinRetention").GetInt32());
        var folder = Assert.Single(body.RootElement.GetProperty("folders").EnumerateArray());
        Assert.Equal("erasure-events/date=2024-01-10", folder.GetProperty("folder").GetString());
        Assert.Equal(DayFolderOutcomes.WouldDelete, folder.GetProperty("outcome").GetString());
        Assert.Equal(
            ["storage", "upstream", "routing", "scheduling", "authorization"],
            folder.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("check").GetString()));
        Assert.True(Directory.Exists(OldFolder));
    }

    [Fact]
    public async Task A_real_run_deletes_the_folder_and_a_second_one_finds_nothing_left()
    {
        var first = await SendAsync("/erasure/dataset/retention", Scopes.Admin);
        var second = await SendAsync("/erasure/dataset/retention", Scopes.Admin);

        var deleted = await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(DayFolderOutcomes.Deleted, deleted.GetProperty("folders")[0].GetProperty("outcome").GetString());
        Assert.False(Directory.Exists(OldFolder));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(0, again.GetProperty("folders").GetArrayLength());
    }

    [Fact]
    public async Task A_dry_run_flag_that_is_not_a_boolean_is_a_400_problem_and_nothing_is_deleted()
    {
        var response = await SendAsync("/erasure/dataset/retention?dryRun=maybe", Scopes.Admin);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(Directory.Exists(OldFolder));
    }

    private Task<HttpResponseMessage> SendAsync(string path, string scope)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.Mint("ops-admin", [scope]));
        return _client!.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
