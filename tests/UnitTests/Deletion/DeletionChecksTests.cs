using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.BuildingBlocks.Security;
using ProductCatalogOrders.ProductService.Deletion;
using ProductCatalogOrders.ProductService.Deletion.Checks;
using ProductCatalogOrders.ProductService.Products;

namespace ProductCatalogOrders.UnitTests.Deletion;

public sealed class DeletionChecksTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly IOptions<DeletionOptions> Options = Microsoft.Extensions.Options.Options.Create(new DeletionOptions());
    private static readonly ClaimsPrincipal Purger = User("counsel", Scopes.ProductsPurge);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Product Decommissioned()
    {
        var product = Product.Create("SKU-1", "Apple", 1.50m, Now);
        product.Decommission(Now);
        product.CompleteDecommission(Now);
        return product;
    }

    private static DeletionCheckContext Context(Product product, DateTimeOffset at, ClaimsPrincipal? caller = null, params string[] confirmed) =>
        new(product, caller ?? Purger, confirmed.Length == 0 ? ["catalog", "order"] : confirmed, at);

    private static ClaimsPrincipal User(string subject, params string[] scopes) => new(new ClaimsIdentity(
        [new Claim(CallerClaims.Subject, subject), new Claim(Scopes.ClaimType, string.Join(' ', scopes))], "test"));

    [Fact]
    public async Task Retention_passes_once_the_period_after_decommission_is_over()
    {
        var check = new RetentionCheck(Options);

        Assert.False((await check.EvaluateAsync(Context(Decommissioned(), Now.AddDays(89)), Cancel)).Passed);
        Assert.True((await check.EvaluateAsync(Context(Decommissioned(), Now.AddDays(90)), Cancel)).Passed);
    }

    [Fact]
    public async Task Retention_fails_for_a_product_that_was_never_decommissioned()
    {
        var verdict = await new RetentionCheck(Options).EvaluateAsync(Context(Product.Create("SKU-2", "Pear", 1m, Now), Now.AddYears(5)), Cancel);

        Assert.False(verdict.Passed);
        Assert.Contains("Active", verdict.Reason);
    }

    [Fact]
    public async Task Authorization_passes_for_a_caller_with_the_permission_and_fails_without()
    {
        var check = new AuthorizationCheck();

        Assert.True((await check.EvaluateAsync(Context(Decommissioned(), Now, Purger), Cancel)).Passed);
        var withoutPermission = await check.EvaluateAsync(Context(Decommissioned(), Now, User("intern", Scopes.ProductsDecommission, Scopes.ProductsLegalHold)), Cancel);
        Assert.False(withoutPermission.Passed);
        Assert.Equal("intern does not hold products:purge.", withoutPermission.Reason);
        Assert.False((await check.EvaluateAsync(Context(Decommissioned(), Now, new ClaimsPrincipal(new ClaimsIdentity())), Cancel)).Passed);
    }

    [Fact]
    public async Task Dependency_fails_while_a_consumer_has_not_confirmed()
    {
        var verdict = await new DependencyCheck(Options, new FixedOpenOrders(0)).EvaluateAsync(Context(Decommissioned(), Now, Purger, "catalog"), Cancel);

        Assert.False(verdict.Passed);
        Assert.Equal("Not yet confirmed by order.", verdict.Reason);
    }

    [Fact]
    public async Task Dependency_fails_while_open_orders_reference_the_product_and_passes_without()
    {
        Assert.False((await new DependencyCheck(Options, new FixedOpenOrders(2)).EvaluateAsync(Context(Decommissioned(), Now), Cancel)).Passed);
        Assert.True((await new DependencyCheck(Options, new FixedOpenOrders(0)).EvaluateAsync(Context(Decommissioned(), Now), Cancel)).Passed);
    }

    [Fact]
    public async Task Dependency_fails_when_OrderService_cannot_be_asked()
    {
        var unreachable = new FixedOpenOrders(0) { Failure = new HttpRequestException("Connection refused") };

        var verdict = await new DependencyCheck(Options, unreachable).EvaluateAsync(Context(Decommissioned(), Now), Cancel);

        Assert.False(verdict.Passed);
        Assert.Contains("Connection refused", verdict.Reason);
    }

    [Fact]
    public async Task Legal_hold_fails_while_a_hold_is_set()
    {
        var product = Decommissioned();
        Assert.True((await new LegalHoldCheck().EvaluateAsync(Context(product, Now), Cancel)).Passed);

        product.PlaceLegalHold("Litigation 2026-17", "counsel", Now);

        var verdict = await new LegalHoldCheck().EvaluateAsync(Context(product, Now), Cancel);
        Assert.False(verdict.Passed);
        Assert.Contains("Litigation 2026-17", verdict.Reason);
    }

    [Fact]
    public async Task Every_check_is_evaluated_in_registration_order_and_a_broken_check_refuses()
    {
        var checks = new DeletionChecks(
            [new RetentionCheck(Options), new BrokenCheck(), new LegalHoldCheck()], NullLogger<DeletionChecks>.Instance);

        var verdicts = await checks.EvaluateAsync(Context(Decommissioned(), Now), Cancel);

        Assert.Equal(["retention", "broken", "legal-hold"], verdicts.Select(v => v.Check));
        Assert.Equal([false, false, true], verdicts.Select(v => v.Passed));
        Assert.Contains("could not be evaluated", verdicts[1].Reason);
    }

    [Fact]
    public void The_purge_checks_are_registered_in_their_documented_order()
    {
        using var services = new ServiceCollection().AddLogging().AddAuthorization()
            .AddSingleton(Options).AddSingleton<IOpenOrders>(new FixedOpenOrders(0)).AddDeletionChecks().BuildServiceProvider();

        var names = services.CreateScope().ServiceProvider.GetServices<IDeletionCheck>().Select(c => c.Name);

        Assert.Equal(["retention", "authorization", "dependency", "legal-hold"], names);
    }

    private sealed class FixedOpenOrders(int count) : IOpenOrders
    {
        public Exception? Failure { get; init; }

        public Task<int> CountAsync(Guid productId, CancellationToken cancellationToken) =>
            Failure is null ? Task.FromResult(count) : Task.FromException<int>(Failure);
    }

    private sealed class BrokenCheck : IDeletionCheck
    {
        public string Name => "broken";

        public Task<CheckVerdict> EvaluateAsync(DeletionCheckContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("store unavailable");
    }
}
