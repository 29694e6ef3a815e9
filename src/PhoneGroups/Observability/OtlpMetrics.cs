using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using PhoneGroups.Ari.Diagnostics;
using PhoneGroups.Configuration;

namespace PhoneGroups.Observability;

/// <summary>When <c>Otlp:Endpoint</c> is set, the same instruments are also pushed to an OpenTelemetry collector.</summary>
internal static class OtlpMetrics
{
    public static IServiceCollection AddOtlpMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OtlpOptions>().BindConfiguration(OtlpOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OtlpOptions>, OtlpOptionsValidation>());
        var options = configuration.GetSection(OtlpOptions.Section).Get<OtlpOptions>() ?? new OtlpOptions();
        if (!options.Enabled || new OtlpOptionsValidation().Validate(null, options).Failed)
        {
            return services; // off, or invalid: start-up validation reports it
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("phonegroups"))
            .WithMetrics(metrics => metrics
                .AddMeter(ControllerMetrics.MeterName, AriMetrics.MeterName)
                .AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = options.ExportAddress();
                    exporter.Protocol = options.Protocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.IntervalSeconds * 1000;
                }));
        return services;
    }
}
