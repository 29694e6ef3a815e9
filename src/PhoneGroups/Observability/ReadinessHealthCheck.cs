using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PhoneGroups.Observability;

/// <summary>ARI connected, a policy loaded, the call pipeline running, not stopping: <see cref="Readiness"/> as a health check.</summary>
internal sealed class ReadinessHealthCheck(Readiness readiness) : IHealthCheck
{
    public const string Name = "calls";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = readiness.Check();
        var data = new Dictionary<string, object> { ["report"] = report };
        return Task.FromResult(report.Ready
            ? HealthCheckResult.Healthy("ready", data)
            : HealthCheckResult.Unhealthy("not ready", data: data));
    }
}
