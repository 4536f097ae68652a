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

    public static IHostApplicationBuilder AddSubjectTokens(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration[SubjectTokens.Setting];
        byte[] key;
        if (string.IsNullOrWhiteSpace(configured))
        {
            key = builder.Environment.IsDevelopment()
                ? DevelopmentKey
                : throw new StartupFailure($"{SubjectTokens.Setting}: a base64 key of 32 bytes or more is required outside Development (eng/run.sh makes one).");
        }
        else
        {
            try
            {
                key = Convert.FromBase64String(configured.Trim());
            }
            catch (FormatException exception)
            {
                throw new StartupFailure($"{SubjectTokens.Setting}: not base64.", exception);
            }

            if (key.Length < 32)
            {
                throw new StartupFailure($"{SubjectTokens.Setting}: the key has {key.Length} bytes; use 32 or more.");
            }
        }

        builder.Services.TryAddSingleton(new SubjectTokens(key));
        return builder;
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
