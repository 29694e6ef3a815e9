using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Diagnostics;
using PhoneGroups.Configuration;

namespace PhoneGroups.Observability;

/// <summary>Registers metrics, readiness and the health endpoint (section <c>Health</c>).</summary>
internal static class ObservabilityServiceCollectionExtensions
{
    public static IServiceCollection AddObservability(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidation>());
        services.TryAddSingleton<ControllerMetrics>();
        services.TryAddSingleton(_ => new PrometheusExporter(ControllerMetrics.MeterName, AriMetrics.MeterName));
        services.TryAddSingleton<PipelineHealth>();
        services.TryAddSingleton<Readiness>();
        services.AddHostedService<HealthServer>();
        return services;
    }
}
