using Microsoft.Extensions.Diagnostics.HealthChecks;
using PhoneGroups.Store;

namespace PhoneGroups.Observability;

/// <summary>
/// Whether the policy store answers. A store that does not answer is reported, but does not make the
/// controller unready: calls are decided on the policy in force, which is already in memory.
/// </summary>
internal sealed class StoreHealthCheck(IRevisionStore store) : IHealthCheck
{
    public const string Name = "store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latest = await store.GetLatestIdAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(store.IsWritable ? $"reachable: newest revision {latest}" : "file (read only)");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded($"unreachable: {e.Message}");
        }
    }
}
