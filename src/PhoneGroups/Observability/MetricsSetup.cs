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

/// <summary>
/// One metrics pipeline: the OpenTelemetry SDK's <c>MeterProvider</c> reads the PhoneGroups meters and serves
/// them to Prometheus scrapes at <c>/metrics</c>, and also pushes them to a collector when <c>Otlp:Endpoint</c> is set.
/// </summary>
internal static class MetricsSetup
{
    /// <summary>Histogram bounds in seconds: decisions take microseconds, ARI requests milliseconds.</summary>
    private static readonly double[] SecondsBounds = [0.00001, 0.0001, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static IServiceCollection AddControllerMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OtlpOptions>().BindConfiguration(OtlpOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OtlpOptions>, OtlpOptionsValidation>());
        var otlp = configuration.GetSection(OtlpOptions.Section).Get<OtlpOptions>() ?? new OtlpOptions();
        var pushOtlp = otlp.Enabled && !new OtlpOptionsValidation().Validate(null, otlp).Failed; // invalid: start-up validation reports it

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("phonegroups"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ControllerMetrics.MeterName, AriMetrics.MeterName)
                    .AddView(instrument => instrument.Unit == "s" ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBounds } : null)
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (pushOtlp)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = otlp.ExportAddress();
                        exporter.Protocol = otlp.Protocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = otlp.IntervalSeconds * 1000;
                    });
                }
            });
        return services;
    }
}
