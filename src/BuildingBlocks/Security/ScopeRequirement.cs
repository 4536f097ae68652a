using Microsoft.AspNetCore.Authorization;

namespace ProductCatalogOrders.BuildingBlocks.Security;

/// <summary>The caller holds one of <see cref="AnyOf"/>, or is a customer acting for themselves where <see cref="CustomersAllowed"/>.</summary>
public sealed class ScopeRequirement(IReadOnlyList<string> anyOf, bool customersAllowed = false)
    : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> AnyOf { get; } = anyOf;

    public bool CustomersAllowed { get; } = customersAllowed;

    /// <summary>What a 403 names as missing.</summary>
    public string Describe() => AnyOf.Count == 1 ? AnyOf[0] : $"one of {string.Join(", ", AnyOf)}";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (requirement.AnyOf.Any(context.User.HasScope) || (requirement.CustomersAllowed && context.User.CustomerId() is not null))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
