using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using ProductCatalogOrders.BuildingBlocks.Privacy;
using ProductCatalogOrders.ErasureService.Requests;

namespace ProductCatalogOrders.ErasureService.Targets;

/// <summary>An inventory as found: the discovery name it was read from, and what that service declared.</summary>
public sealed record DiscoveredInventory(string Address, PersonalDataInventory Inventory, DateTimeOffset ReadAt);

/// <summary>
/// Reads <c>GET /privacy/inventory</c> of every service in <c>Erasure:Services</c> through service
/// discovery. A service that does not answer is represented by the last inventory it served; one never
/// read makes the map incomplete, and a request is then refused rather than built on a partial list.
/// </summary>
public sealed class InventoryDiscovery(IHttpClientFactory clients, IOptionsMonitor<ErasureOptions> options, TimeProvider time, ILogger<InventoryDiscovery> logger)
{
    public const string ClientName = "erasure-targets";

    private readonly ConcurrentDictionary<string, DiscoveredInventory> _lastRead = new();

    /// <summary>Every configured service's inventory, and the services that could not be read and were never read before.</summary>
    public async Task<(IReadOnlyList<DiscoveredInventory> Inventories, IReadOnlyList<string> Unreachable)> DiscoverAsync(CancellationToken cancellationToken)
    {
        var addresses = options.CurrentValue.ServiceAddresses;
        var reads = await Task.WhenAll(addresses.Select(address => ReadAsync(address, cancellationToken)));
        var unreachable = addresses.Where((_, i) => reads[i] is null).ToList();
        return ([.. reads.OfType<DiscoveredInventory>()], unreachable);
    }

    /// <summary>One target per service that declares data of the subject type and erases it online.</summary>
    public static IReadOnlyList<ErasureTarget> TargetsFor(string subjectType, IEnumerable<DiscoveredInventory> inventories, Guid requestId, DateTimeOffset now) =>
    [
        .. inventories
            .Select(found => (found, Holdings: found.Inventory.Holdings
                .Where(h => h.SubjectType == subjectType && h.Method != ErasureMethod.OfflineDataset).ToList()))
            .Where(x => x.Holdings.Count > 0)
            .Select(x =>
            {
                // A service erases a subject one way: a synchronous endpoint where it declares one, else by event.
                var holding = x.Holdings.FirstOrDefault(h => h.Method == ErasureMethod.Synchronous) ?? x.Holdings[0];
                return new ErasureTarget
                {
                    RequestId = requestId,
                    Service = x.found.Inventory.Service,
                    Address = x.found.Address,
                    Method = holding.Method,
                    ErasureEndpoint = holding.ErasureEndpoint,
                    VerificationEndpoint = holding.VerificationEndpoint,
                    State = TargetState.Pending,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
            }),
    ];

    private async Task<DiscoveredInventory?> ReadAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            using var http = clients.CreateClient(ClientName);
            var inventory = await http.GetFromJsonAsync<PersonalDataInventory>($"http://{address}/privacy/inventory", TargetCalls.Json, cancellationToken)
                ?? throw new InvalidOperationException("an empty answer");
            var found = new DiscoveredInventory(address, inventory, time.GetUtcNow());
            _lastRead[address] = found;
            return found;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not read the personal-data inventory of {Service} ({Reason}); using the last one read, if any", address, exception.GetBaseException().Message);
            return _lastRead.GetValueOrDefault(address);
        }
    }
}
