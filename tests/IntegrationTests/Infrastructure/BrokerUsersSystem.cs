using ProductCatalogOrders.InProcessHosting;

namespace ProductCatalogOrders.IntegrationTests.Infrastructure;

/// <summary>
/// The three services as <c>eng/run.sh</c> runs them on the broker: each connects as its own broker
/// user, with exactly the permissions <c>eng/broker-users.sh</c> gives it, on a throw-away virtual
/// host of the local <c>rabbitmq-server</c> (users and virtual host are deleted afterwards). Where
/// there is no local broker to manage (a Testcontainers or configured broker), the tests using it
/// are skipped with <see cref="SkipReason"/>.
/// </summary>
public sealed class BrokerUsersSystem(TestBroker broker) : SystemFixture(broker)
{
    private readonly string _passwords = Path.Combine(Path.GetTempPath(), $"pco-broker-users-{Guid.NewGuid():N}");
    private ThrowawayVirtualHost? _virtualHost;
    private string _userPrefix = "";

    public static IReadOnlyList<string> ServiceNames { get; } = ["product", "catalog", "order"];

    public string? SkipReason { get; private set; }

    /// <summary>Messaging:EntityPrefix of this system: the permissions are written for it.</summary>
    public string EntityPrefix { get; } = $"sys-{Guid.NewGuid():N}"[..12] + "-";

    public ThrowawayVirtualHost VirtualHost => _virtualHost ?? throw new InvalidOperationException(SkipReason);

    /// <summary>The local broker on this system's virtual host, as the broker user of <paramref name="service"/>.</summary>
    public Uri BrokerAs(string service) =>
        new($"amqp://{_userPrefix}{service}:{File.ReadAllText(Path.Combine(_passwords, service)).Trim()}@127.0.0.1:5672/{Uri.EscapeDataString(VirtualHost.Name)}");

    public override async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("ConnectionStrings__messaging") is { Length: > 0 } || await TestSupport.DockerEngine.UnavailableReasonAsync() is null)
        {
            SkipReason = "the broker users are made with rabbitmqctl on the local rabbitmq-server, which this run does not use";
            return;
        }

        _virtualHost = await ThrowawayVirtualHost.TryCreateAsync("users");
        if (_virtualHost is null)
        {
            SkipReason = "rabbitmqctl could not create a virtual host here";
            return;
        }

        _userPrefix = $"{_virtualHost.Name}-";
        await Repository.RunScriptAsync("broker-users.sh", null,
            "apply", "--password-dir", _passwords, "--vhost", _virtualHost.Name, "--prefix", EntityPrefix, "--user-prefix", _userPrefix);
        await base.InitializeAsync();
    }

    protected override LocalSystemOptions Configure(LocalSystemOptions options) => options with
    {
        EntityPrefix = EntityPrefix,
        ServiceBrokers = ServiceNames.ToDictionary(s => s, BrokerAs),
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_virtualHost is not null)
        {
            await Repository.RunScriptAsync("broker-users.sh", null, "remove", "--user-prefix", _userPrefix);
            await _virtualHost.DisposeAsync();
        }

        if (Directory.Exists(_passwords))
        {
            Directory.Delete(_passwords, recursive: true);
        }
    }
}
