using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ProductCatalogOrders.BuildingBlocks.Privacy;

public static class PrivacySetup
{
    /// <summary>The subject type every service knows today.</summary>
    public const string Customer = "customer";

    /// <summary>
    /// Development's key when none is configured, so a bare <c>dotnet run</c> works; anywhere else a
    /// missing key stops start-up, since tokens made with a published key could be reversed.
    /// </summary>
    private static readonly byte[] DevelopmentKey = SHA256Of("product-catalog-orders development subject-token key");

    /// <summary>Declares the service's personal data and registers the keyed subject tokens.</summary>
    public static IHostApplicationBuilder AddPersonalDataInventory(this IHostApplicationBuilder builder, string service, params PersonalDataHolding[] holdings)
    {
        builder.Services.AddSingleton(new PersonalDataInventory(service, holdings));
        builder.AddSubjectTokens();
        return builder;
    }

    /// <summary>
    /// Registers the keyed subject tokens. A missing or unusable key stops start-up with one line naming
    /// the setting, checked when the host starts (after the store and the broker, whose failures come first).
    /// </summary>
    public static IHostApplicationBuilder AddSubjectTokens(this IHostApplicationBuilder builder)
    {
        var (key, problem) = ReadKey(builder.Configuration[SubjectTokens.Setting], builder.Environment.IsDevelopment());
        if (problem is not null)
        {
            builder.Services.AddHostedService(_ => new RefuseToStart(problem));
            builder.Services.TryAddSingleton<SubjectTokens>(_ => throw new StartupFailure(problem));
        }
        else
        {
            builder.Services.TryAddSingleton(new SubjectTokens(key!));
        }

        return builder;
    }

    private static (byte[]? Key, string? Problem) ReadKey(string? configured, bool development)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return development
                ? (DevelopmentKey, null)
                : (null, $"{SubjectTokens.Setting}: a base64 key of 32 bytes or more is required outside Development (eng/run.sh makes one).");
        }

        try
        {
            var key = Convert.FromBase64String(configured.Trim());
            return key.Length < 32 ? (null, $"{SubjectTokens.Setting}: the key has {key.Length} bytes; use 32 or more.") : (key, null);
        }
        catch (FormatException)
        {
            return (null, $"{SubjectTokens.Setting}: not base64.");
        }
    }

    private sealed class RefuseToStart(string problem) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => throw new StartupFailure(problem);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Maps <c>GET /privacy/inventory</c> for any authenticated caller: it names places and fields, never data.</summary>
    public static IEndpointRouteBuilder MapPrivacyInventoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/privacy").WithTags("Privacy").RequireAuthorization()
            .MapGet("/inventory", GetPrivacyInventory).WithName(nameof(GetPrivacyInventory))
            .WithSummary("The personal data this service holds per subject type: where it lives, and how it is erased.");
        return app;
    }

    public static Ok<PersonalDataInventory> GetPrivacyInventory(PersonalDataInventory inventory) => TypedResults.Ok(inventory);

    private static byte[] SHA256Of(string text) => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
}
