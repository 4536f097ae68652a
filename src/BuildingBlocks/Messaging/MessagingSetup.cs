using MassTransit;
using ProductCatalogOrders.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using ProductCatalogOrders.BuildingBlocks.Messaging.ErrorQueues;
using ProductCatalogOrders.BuildingBlocks.Outbox;

namespace ProductCatalogOrders.BuildingBlocks.Messaging;

public static class MessagingSetup
{
    /// <summary>
    /// Connects the service to RabbitMQ through MassTransit. Queue names come from the endpoint
    /// name formatter, prefixed with the service name so each service has its own durable queue
    /// per consumer (for example <c>catalog-product-decommissioned</c>).
    /// <c>Messaging:EntityPrefix</c> prefixes every exchange and queue, which keeps several
    /// systems (test runs, benchmarks) apart on one virtual host.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        var broker = BrokerAddress.Parse(builder.Configuration.GetConnectionString("messaging"));
        var entityPrefix = builder.Configuration["Messaging:EntityPrefix"] ?? "";
        var startupTimeout = builder.Configuration.GetValue("Messaging:StartupTimeout", TimeSpan.FromSeconds(10));

        // Every queue and exchange the service declares starts with its own endpoint prefix, the bus's
        // temporary endpoint included (MassTransit would name it after the machine and process), so a
        // broker user's permissions can be written as "this service's names" (see BrokerPermissions).
        var endpointPrefix = $"{entityPrefix}{serviceName}-";
        var endpoints = new ReceiveEndpoints($"{endpointPrefix}bus-{Guid.NewGuid():N}");

        // Registered before MassTransit's hosted service, so it runs first.
        builder.Services.AddHostedService(_ => new BrokerReachabilityCheck(broker, startupTimeout));

        builder.Services.AddMassTransit(bus =>
        {
            // A broker outage degrades the service but never takes it out of rotation: the outbox
            // buffers what ProductService publishes, and the consumers' caches keep serving reads.
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "bus";
                health.MinimalFailureStatus = HealthStatus.Degraded;
                health.Tags.Add("ready");
            });
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(endpointPrefix, includeNamespace: false));
            addConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker);
                rabbit.OverrideDefaultBusEndpointQueueName(endpoints.BusEndpointQueue);
                rabbit.ConnectEndpointConfigurationObserver(endpoints);
                rabbit.UseContractSerialization();

                // Nobody subscribes to the events' common interface, so no exchange is made for it: every
                // exchange a service declares or binds is then one its broker user is allowed to touch.
                rabbit.Publish<IProductEvent>(topology => topology.Exclude = true);
                if (entityPrefix.Length > 0)
                {
                    rabbit.MessageTopology.SetEntityNameFormatter(
                        new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, entityPrefix));
                }

                rabbit.ConfigureEndpoints(context);
            });
        });

        // Start-up completes only once every queue is declared and bound, so no event published
        // after a service reports ready can miss it.
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(30);
            options.StopTimeout = TimeSpan.FromSeconds(10);
        });

        builder.Services.AddSingleton<IIntegrationEventPublisher, MassTransitEventPublisher>();
        builder.Services.AddSingleton(new ConsumerIdentity(serviceName));
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddSingleton(_ => new ErrorQueueBroker(broker, endpoints));
        builder.Services.AddSingleton<ErrorQueueAudit>();
        return builder;
    }
}
