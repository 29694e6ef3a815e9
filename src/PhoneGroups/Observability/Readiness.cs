using Microsoft.Extensions.Hosting;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Policy;

namespace PhoneGroups.Observability;

/// <summary>
/// Ready = the ARI event connection is up, a valid policy is loaded, the call pipeline runs, and the
/// controller is not stopping.
/// While not ready, Asterisk's dialplan fallback handles the calls.
/// </summary>
internal sealed class Readiness : IDisposable
{
    private readonly PolicyStore _policies;
    private readonly PipelineHealth _pipeline;
    private readonly CancellationToken _stopping;
    private readonly IDisposable _subscription;
    private volatile AriConnectionState _ari = AriConnectionState.Initial;

    public Readiness(IAriEventSource connection, PolicyStore policies, PipelineHealth pipeline, IHostApplicationLifetime lifetime)
    {
        _policies = policies;
        _pipeline = pipeline;
        _stopping = lifetime.ApplicationStopping;
        _subscription = connection.States.Subscribe(state => _ari = state);
    }

    public ReadinessReport Check()
    {
        var ari = _ari;
        var policy = _policies.Current;
        var stopping = _stopping.IsCancellationRequested;
        var ariText = ari.Status switch
        {
            AriConnectionStatus.Connected => $"connected (connection {ari.Connections})",
            AriConnectionStatus.Replaced => $"replaced: {ari.Reason}",
            _ => $"disconnected: {ari.Reason}",
        };
        var policyText = $"loaded: {policy.Groups.Count} groups, {policy.Extensions.Count} extensions, {policy.Routes.Count} routes";
        var calls = _pipeline.Failure is { } failure ? $"pipeline stopped: {failure}" : "taking calls";
        return new ReadinessReport(ari.IsConnected && _pipeline.IsRunning && !stopping, ariText, policyText, calls, stopping);
    }

    public void Dispose() => _subscription.Dispose();
}
