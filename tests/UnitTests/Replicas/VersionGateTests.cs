using ProductCatalogOrders.BuildingBlocks.ProductReplicas;

namespace ProductCatalogOrders.UnitTests.Replicas;

public sealed class VersionGateTests
{
    [Fact]
    public void First_event_for_an_unknown_product_is_admitted() => Assert.True(VersionGate.Admits(null, 1));

    [Fact]
    public void Newer_version_is_admitted() => Assert.True(VersionGate.Admits(3, 4));

    [Fact]
    public void Duplicate_version_is_refused() => Assert.False(VersionGate.Admits(3, 3));

    [Fact]
    public void Older_version_is_refused() => Assert.False(VersionGate.Admits(3, 2));
}
