using System.Diagnostics;
using System.Diagnostics.Metrics;
using PhoneGroups.Policy;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Observability;

/// <summary>
/// The controller's instruments (meter <c>PhoneGroups</c>). Every tag value comes from a small fixed
/// set (decision actions, reason codes, ok/rejected), so the number of series stays bounded.
/// </summary>
internal sealed class ControllerMetrics : IDisposable
{
    public const string MeterName = "PhoneGroups";

    private readonly Meter _meter;
    private readonly Counter<long> _decided;
    private readonly Histogram<double> _decisionDuration;
    private readonly Counter<long> _bridges;
    private readonly Counter<long> _reloads;
    private readonly Counter<long> _challenges;
    private readonly Counter<long> _forwards;
    private readonly Counter<long> _transfers;
    private Func<int> _activeCalls = () => 0;
    private Func<int> _ringingLegs = () => 0;

    /// <summary>The meter comes from <paramref name="meterFactory"/> when there is one (the host's), so its lifetime is the host's.</summary>
    public ControllerMetrics(PolicyStore policies, IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _decided = _meter.CreateCounter<long>("phonegroups.calls.decided", description: "Calls decided, by decision and reason");
        _decisionDuration = _meter.CreateHistogram<double>("phonegroups.decision.duration", "s", "Time the policy took to decide a call");
        _bridges = _meter.CreateCounter<long>("phonegroups.bridges.created", description: "Bridges created for answered and picked-up calls");
        _reloads = _meter.CreateCounter<long>("phonegroups.policy.reloads", description: "Policy file changes, by result (ok, rejected)");
        _challenges = _meter.CreateCounter<long>("phonegroups.challenges", description: "Call-permission password challenges, by result (opened, failed, locked, abandoned)");
        _forwards = _meter.CreateCounter<long>("phonegroups.forwards", description: "SIP 302 forwards decided as the forwarder, by decision (allow, deny, loop)");
        _transfers = _meter.CreateCounter<long>("phonegroups.transfers", description: "Transfers decided as the transferer, by kind (blind, attended) and decision (allow, deny, failed)");
        _meter.CreateObservableGauge("phonegroups.calls.active", () => _activeCalls(), description: "Calls the controller is handling");
        _meter.CreateObservableGauge("phonegroups.calls.ringing", () => _ringingLegs(), description: "Legs ringing at an extension (what call pickup can take)");
        _meter.CreateObservableGauge("phonegroups.policy.groups", () => policies.Current.Groups.Count, description: "Groups in the loaded policy");
        _meter.CreateObservableGauge("phonegroups.policy.extensions", () => policies.Current.Extensions.Count, description: "Extensions in the loaded policy");
        _meter.CreateObservableGauge("phonegroups.policy.routes", () => policies.Current.Routes.Count, description: "Routes in the loaded policy");
    }

    /// <summary>Calls allowed and denied per caller group (for the API's group statistics).</summary>
    public GroupCallCounts Groups { get; } = new();

    /// <summary>A call decided by the policy: counted by action and reason, and for the caller's group.</summary>
    public void Decided(in Decision decision, TimeSpan elapsed)
    {
        Decided(decision.Action.ToCode(), decision.Reason.ToCode(), elapsed);
        Groups.Count(decision.CallerGroup?.Name, decision.IsAllowed);
    }

    /// <summary>A call decided: <paramref name="decision"/> is deny, bridge, route or pickup; <paramref name="reason"/> a reason code.</summary>
    public void Decided(string decision, string reason, TimeSpan elapsed)
    {
        var tags = new TagList { { "decision", decision }, { "reason", reason } };
        _decided.Add(1, tags);
        _decisionDuration.Record(elapsed.TotalSeconds, new TagList { { "decision", decision } });
    }

    public void BridgeCreated() => _bridges.Add(1);

    /// <summary>A password challenge ended: <paramref name="result"/> is opened, failed, locked or abandoned.</summary>
    public void Challenged(string result) => _challenges.Add(1, new KeyValuePair<string, object?>("result", result));

    /// <summary>A forward was decided: <paramref name="decision"/> is allow, deny or loop.</summary>
    public void Forwarded(string decision) => _forwards.Add(1, new KeyValuePair<string, object?>("decision", decision));

    /// <summary>A transfer was decided or ended: <paramref name="kind"/> is blind or attended; <paramref name="decision"/> allow, deny or failed.</summary>
    public void Transferred(string kind, string decision) => _transfers.Add(1, new TagList { { "kind", kind }, { "decision", decision } });

    public void PolicyReloaded(bool accepted) => _reloads.Add(1, new KeyValuePair<string, object?>("result", accepted ? "ok" : "rejected"));

    /// <summary>Where the numbers of calls in progress and of legs ringing are read from.</summary>
    public void ObserveCalls(Func<int> active, Func<int> ringing)
    {
        _activeCalls = active;
        _ringingLegs = ringing;
    }

    public void Dispose()
    {
        // A factory's meters are disposed with the factory.
        if (_meter.Scope is null)
        {
            _meter.Dispose();
        }
    }
}
