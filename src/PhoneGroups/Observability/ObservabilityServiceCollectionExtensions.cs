using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PhoneGroups.Observability;

/// <summary>Registers metrics, readiness and the health checks served on the HTTP host.</summary>
internal static class ObservabilityServiceCollectionExtensions
{
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.TryAddSingleton<ControllerMetrics>();
        services.TryAddSingleton<PipelineHealth>();
        services.TryAddSingleton<Readiness>();
        services.AddHealthChecks()
            .AddCheck<ReadinessHealthCheck>(ReadinessHealthCheck.Name)
            .AddCheck<StoreHealthCheck>(StoreHealthCheck.Name);
        services.AddControllerMetrics(configuration);
        return services;
    }
}
