using Microsoft.Extensions.Logging;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Configuration;
using PhoneGroups.Observability;
using PhoneGroups.Policy;

namespace PhoneGroups.Calls;

/// <summary>What every call needs from the controller, in one place.</summary>
internal sealed class CallServices(
    IAriClient ari,
    string app,
    CallOptions options,
    PolicyStore policies,
    CallRouter router,
    RingingCalls ringing,
    PromptCatalog prompts,
    ILogger logger,
    ControllerMetrics metrics,
    TimeProvider time,
    Action<AriEvent> redispatch)
{
    public IAriClient Ari { get; } = ari;

    /// <summary>The Stasis application legs are created in.</summary>
    public string App { get; } = app;

    public CallOptions Options { get; } = options;

    public PolicyStore Policies { get; } = policies;

    public CallRouter Router { get; } = router;

    public RingingCalls Ringing { get; } = ringing;

    public PromptCatalog Prompts { get; } = prompts;

    public ILogger Logger { get; } = logger;

    public ControllerMetrics Metrics { get; } = metrics;

    /// <summary>The clock timers of calls run on (the password pause).</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Failed password challenges per caller, for the lockout.</summary>
    public ChallengeGuard Challenges { get; } = new(time);

    private int _channelVarsWarned;

    /// <summary>True the first time only: the missing ari.conf line is said once per process, not per call.</summary>
    public bool FirstChannelVarsWarning() => Interlocked.Exchange(ref _channelVarsWarned, 1) == 0;

    /// <summary>The web console's Live page: the recent decisions (an in-memory ring, appended to after the decision log line).</summary>
    public Web.Live.DecisionFeed Decisions { get; init; } = new();

    /// <summary>Sends an event through the pipeline again, to whichever call owns its channel now.</summary>
    public Action<AriEvent> Redispatch { get; } = redispatch;

    /// <summary>
    /// A timer that sends call <paramref name="callId"/> a <paramref name="kind"/> signal after <paramref name="delay"/>,
    /// through the same ordered stream as Asterisk's events; <paramref name="generation"/> lets the call tell which
    /// timer fired. Disposing it stops it.
    /// </summary>
    public ITimer SignalLater(string callId, CallSignalKind kind, TimeSpan delay, int generation = 0) =>
        Time.CreateTimer(
            _ => Redispatch(new CallSignal(callId, kind, generation) { Type = nameof(CallSignal), Application = App }),
            null, delay, Timeout.InfiniteTimeSpan);
}
