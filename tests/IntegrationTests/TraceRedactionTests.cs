using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ProductCatalogOrders.TestSupport.Processes;

namespace ProductCatalogOrders.IntegrationTests;

/// <summary>
/// The services' telemetry set-up (ServiceDefaults) on a real server and a real HttpClient call:
/// what an exporter receives of a call about a customer holds no customer id, in any tag or name.
/// </summary>
public sealed class TraceRedactionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Spans_of_calls_about_a_customer_keep_no_customer_id_for_the_exporter()
    {
        var customer = $"alice-{Guid.NewGuid():N}";
        var exported = new ConcurrentQueue<Activity>();
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddServiceDefaults();

        // Added after ServiceDefaults, as an exporter is: it sees what an exporter would.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new Collect(exported)));
        await using var app = builder.Build();
        app.MapGet("/customers/{id}/personal-data", (string id) => Results.Ok(new { id.Length }));
        app.MapPut("/subjects/{type}/{id}/legal-hold", (string type, string id) => Results.NoContent());
        await app.StartAsync(Cancel);

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using (var read = await client.GetAsync($"/customers/{customer}/personal-data?customerId={customer}&limit=5", Cancel))
        {
            Assert.True(read.IsSuccessStatusCode);
        }

        using (var hold = await client.PutAsync($"/subjects/customer/{customer}/legal-hold", null, Cancel))
        {
            Assert.True(hold.IsSuccessStatusCode);
        }

        // Both sides of both calls were recorded, so the check below cannot pass on nothing.
        var ours = await WaitForAsync(exported, port, expected: 4);
        Assert.Equal(2, ours.Count(a => a.Kind == ActivityKind.Server));
        Assert.Equal(2, ours.Count(a => a.Kind == ActivityKind.Client));
        foreach (var activity in ours)
        {
            Assert.DoesNotContain(customer, activity.DisplayName, StringComparison.Ordinal);
            foreach (var (key, value) in activity.TagObjects)
            {
                Assert.False(value?.ToString()?.Contains(customer, StringComparison.Ordinal) ?? false, $"{activity.Kind} span '{activity.DisplayName}' has {key}={value}");
            }
        }

        var server = ours.First(a => a.Kind == ActivityKind.Server && a.GetTagItem("url.path") is "/customers/Redacted/personal-data");
        Assert.Contains("customerId=Redacted", server.GetTagItem("url.query") as string ?? "", StringComparison.Ordinal);
        Assert.Contains(ours, a => a.Kind == ActivityKind.Client && (a.GetTagItem("url.full") as string ?? "").EndsWith("/subjects/customer/Redacted/legal-hold", StringComparison.Ordinal));
        await app.StopAsync(Cancel);
    }

    /// <summary>
    /// The spans of this test's calls, once all have ended: those to or of its own server's port. Other
    /// tests of the process call <c>/customers/...</c> too, and every tracer provider of the process
    /// sees those spans as well.
    /// </summary>
    private static async Task<List<Activity>> WaitForAsync(ConcurrentQueue<Activity> exported, int port, int expected)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var ours = exported.Where(a => a.GetTagItem("server.port")?.ToString() == port.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            if (ours.Count >= expected || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                return ours;
            }

            await Task.Delay(50, Cancel);
        }
    }

    private sealed class Collect(ConcurrentQueue<Activity> exported) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => exported.Enqueue(data);
    }
}
