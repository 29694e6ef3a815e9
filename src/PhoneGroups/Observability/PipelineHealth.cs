namespace PhoneGroups.Observability;

/// <summary>
/// Whether the call pipeline still runs. It is built so that no call can stop it; if something does, the
/// controller takes no more calls and readiness must say so, so the orchestrator restarts it.
/// </summary>
internal sealed class PipelineHealth
{
    private volatile string? _failure;

    public bool IsRunning => _failure is null;

    /// <summary>Why it stopped, or null while it runs.</summary>
    public string? Failure => _failure;

    public void Stopped(Exception exception) => _failure = $"{exception.GetType().Name}: {exception.Message}";
}
