using System.Runtime.InteropServices;
using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Model;

namespace PhoneGroups.Policy.Decisions;

/// <summary>
/// The outcome of <see cref="CompiledPolicy.Decide"/>: everything the call controller needs, made of references
/// to data prebuilt when the policy was compiled. Creating one allocates nothing; only the explicit
/// <c>Format…</c> methods build strings.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct Decision
{
    private readonly MatchInfo? _match;
    private readonly int _routePosition;   // index of Route in _match.Routes
    private readonly bool _ignoreGrants;
    private readonly RouteGrant[]? _emergencyRoutes;

    internal Decision(CompiledPolicy policy, DecisionAction action, DecisionReason reason, string? callerNumber, ExtensionInfo? caller,
        string dialed, ExtensionInfo? callee, MatchInfo match, RouteGrant? route = null, int routePosition = 0, bool ignoreGrants = false,
        RouteGrant[]? emergencyRoutes = null)
    {
        _emergencyRoutes = emergencyRoutes;
        Policy = policy;
        Action = action;
        Reason = reason;
        CallerNumber = callerNumber;
        Caller = caller;
        Dialed = dialed;
        Callee = callee;
        _match = match;
        Route = route;
        _routePosition = routePosition;
        _ignoreGrants = ignoreGrants;
    }

    /// <summary>The policy that decided.</summary>
    public CompiledPolicy Policy { get; }

    /// <summary>Bridge, route or deny.</summary>
    public DecisionAction Action { get; }

    /// <summary>Why; see <see cref="DecisionReasonCodes.ToCode(DecisionReason)"/> for the text code.</summary>
    public DecisionReason Reason { get; }

    /// <summary>Whether the call may go ahead.</summary>
    public bool IsAllowed => Action != DecisionAction.Deny;

    /// <summary>The caller as given to <see cref="CompiledPolicy.Decide"/>, or null when there was none.</summary>
    public string? CallerNumber { get; }

    /// <summary>The calling extension, or null when the caller is unknown.</summary>
    public ExtensionInfo? Caller { get; }

    /// <summary>The caller's group, or null (unknown caller, or an extension in no group).</summary>
    public GroupInfo? CallerGroup => Caller?.Group;

    /// <summary>The dialed string as given.</summary>
    public string Dialed { get; }

    /// <summary>The dialed internal extension, or null when the number is not internal. Set for denied calls too.</summary>
    public ExtensionInfo? Callee { get; }

    /// <summary>The endpoint to bridge to when <see cref="Action"/> is <see cref="DecisionAction.Bridge"/>, else null.</summary>
    public string? Endpoint => Action == DecisionAction.Bridge ? Callee?.Endpoint : null;

    /// <summary>The route to use, with the caller ID the caller's group presents on it; null unless routing.</summary>
    public RouteGrant? Route { get; }

    /// <summary>The dialplan context to hand the call to, when the route uses one.</summary>
    public string? Context => Route?.Route.Context;

    /// <summary>The caller ID to present, or null to leave the caller's own.</summary>
    public string? CallerId => Route?.CallerId;

    /// <summary>The other routes to try, in order, when <see cref="Route"/> fails.</summary>
    public FailoverRoutes Failover => Route is null || _match is null
        ? default
        : _emergencyRoutes is not null
            ? new FailoverRoutes(_emergencyRoutes, 1)
            : new FailoverRoutes(_match.Routes, _routePosition + 1, Policy.OpenGrants, CallerGroup, _ignoreGrants);

    /// <summary>
    /// Whether this is an emergency call: it must not be lost. The controller dials its legs without the
    /// ordinary ring timeout, fails over through <see cref="EmergencyRoutes"/> whatever the failure, and logs
    /// it at Warning.
    /// </summary>
    public bool IsEmergency => Reason == DecisionReason.Emergency;

    /// <summary>
    /// For an emergency call, every matching route in route order, grants ignored: <see cref="Route"/> first,
    /// then its fail-over routes. Each presents <see cref="CallerId"/> (the group's <c>emergencyCallerId</c>, else
    /// the extension's own number). Empty for other calls.
    /// </summary>
    public IReadOnlyList<RouteGrant> EmergencyRoutes => _emergencyRoutes ?? [];

    /// <summary>The prompt language from the policy: the caller extension's, else its group's, else null.</summary>
    public string? CallerLanguage => Caller?.EffectiveLanguage;

    /// <summary>
    /// <see cref="CallerLanguage"/>, else the policy's default language. The call controller puts the
    /// channel's own language between the two, so it should use <see cref="CallerLanguage"/>.
    /// </summary>
    public string Language => CallerLanguage ?? Policy.DefaultLanguage;

    internal MatchInfo Match => _match ?? MatchInfo.None;

    /// <summary>The dial string of <see cref="Route"/> with the number filled in; null when not dialing. Allocates.</summary>
    public string? FormatDialString() => Route?.Route.FormatDial(Dialed);

    /// <summary>The dial string of a fail-over <paramref name="grant"/> for this call. Allocates.</summary>
    public string? FormatDialString(RouteGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return grant.Route.FormatDial(Dialed);
    }
}
