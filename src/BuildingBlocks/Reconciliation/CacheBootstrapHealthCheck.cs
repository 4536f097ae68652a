using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ProductCatalogOrders.BuildingBlocks.Reconciliation;

/// <summary>Readiness: Unhealthy while a cache that never bootstrapped catches up; Degraded (ready) once <see cref="ReplicaOptions.BootstrapTimeout"/> has passed without ProductService.</summary>
public sealed class CacheBootstrapHealthCheck(CacheBootstrapState state, TimeProvider time, IOptions<ReplicaOptions> options)
    : IHealthCheck
{
    public const string Name = "cache-bootstrap";

    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (state.Completed)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The product cache has caught up with the snapshot."));
        }

        var waited = time.GetUtcNow() - (state.WaitingSince ?? time.GetUtcNow());
        var why = state.LastFailure is { } failure ? $" Last attempt: {failure}" : "";
        return Task.FromResult(waited < options.Value.BootstrapTimeout
            ? HealthCheckResult.Unhealthy($"The product cache is catching up from ProductService's snapshot.{why}")
            : HealthCheckResult.Degraded(
                $"The product cache has not caught up after {options.Value.BootstrapTimeout.TotalSeconds:0} s; serving, and retrying in the background.{why}"));
    }
}
