using ProductCatalogOrders.BuildingBlocks.Privacy;

namespace ProductCatalogOrders.CatalogService.Privacy;

/// <summary>The catalog's personal data: customers' reviews, deleted on <c>CustomerErasureRequested</c>.</summary>
public static class CatalogPersonalData
{
    public const string VerificationEndpoint = "/customers/{id}/personal-data";

    public static readonly PersonalDataHolding Reviews = new(
        PrivacySetup.Customer, "catalogdb", "Reviews", ["customerId", "text"], ErasureMethod.Asynchronous, ErasureEffect.Deleted, null, VerificationEndpoint);
}
