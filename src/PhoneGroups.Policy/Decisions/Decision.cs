using System.Runtime.InteropServices;
using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Model;
using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Policy.Decisions;

/// <summary>
/// The outcome of <see cref="CompiledPolicy.Decide(string?, string, string?)"/>: everything the call controller needs, made of
/// references to data prebuilt when the policy was compiled. Creating one allocates nothing; only the explicit
/// <c>Format…</c> methods build strings.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct Decision
{
    private readonly DecisionAction _action;   // what the group rules decided; a permission may still deny or challenge
    private readonly RouteGrant? _route;
    private readonly MatchInfo? _match;
    private readonly int _routePosition;       // index of the route in _match.Routes
    private readonly bool _ignoreGrants;
    private readonly PermissionVerdict _permission;
    private readonly RouteGrant[]? _emergencyRoutes;

    internal Decision(CompiledPolicy policy, DecisionAction action, DecisionReason reason, string? callerNumber, ExtensionInfo? caller,
        string dialed, ExtensionInfo? callee, MatchInfo match, RouteGrant? route = null, int routePosition = 0, bool ignoreGrants = false,
        RouteGrant[]? emergencyRoutes = null)
    {
        _emergencyRoutes = emergencyRoutes;
        Policy = policy;
        _action = action;
        Reason = reason;
        CallerNumber = callerNumber;
        Caller = caller;
        Dialed = dialed;
        Callee = callee;
        _match = match;
        _route = route;
        _routePosition = routePosition;
        _ignoreGrants = ignoreGrants;
        _permission = default;
        OutsideNumber = null;
    }

    private Decision(in Decision groupRules, DecisionReason reason, string? outsideNumber, in PermissionVerdict permission)
    {
        this = groupRules;
        Reason = reason;
        OutsideNumber = outsideNumber;
        _permission = permission;
    }

    /// <summary>The policy that decided.</summary>
    public CompiledPolicy Policy { get; }

    /// <summary>
    /// Bridge, route or deny. A call waiting for a password (<see cref="DecisionOutcome.Challenge"/>) reads as
    /// <see cref="DecisionAction.Deny"/> here, so code that does not know challenges refuses it;
    /// <see cref="PermissionChallenge.Granted"/> holds what happens once a password is accepted.
    /// </summary>
    public DecisionAction Action => _permission.Outcome is PermissionOutcome.Denied or PermissionOutcome.Challenged ? DecisionAction.Deny : _action;

    /// <summary>Allow, deny, or challenge (ask for a call-permission password first).</summary>
    public DecisionOutcome Outcome => _permission.Outcome == PermissionOutcome.Challenged ? DecisionOutcome.Challenge
        : Action == DecisionAction.Deny ? DecisionOutcome.Deny
        : DecisionOutcome.Allow;

    /// <summary>Why; see <see cref="DecisionReasonCodes.ToCode(DecisionReason)"/> for the text code.</summary>
    public DecisionReason Reason { get; }

    /// <summary>Whether the call may go ahead as it is (false for a challenge until a password is accepted).</summary>
    public bool IsAllowed => Action != DecisionAction.Deny;

    /// <summary>Whether the caller must enter a call-permission password first; see <see cref="Challenge"/>.</summary>
    public bool IsChallenge => _permission.Outcome == PermissionOutcome.Challenged;

    /// <summary>The caller as given to <see cref="CompiledPolicy.Decide(string?, string, string?)"/>, or null when there was none.</summary>
    public string? CallerNumber { get; }

    /// <summary>The outside caller's own number (caller ID) as given, or null. Only incoming permissions use it.</summary>
    public string? OutsideNumber { get; }

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
    public RouteGrant? Route => Action == DecisionAction.Route ? _route : null;

    /// <summary>The dialplan context to hand the call to, when the route uses one.</summary>
    public string? Context => Route?.Route.Context;

    /// <summary>The caller ID to present, or null to leave the caller's own.</summary>
    public string? CallerId => Route?.CallerId;

    /// <summary>
    /// The other routes to try, in order, when <see cref="Route"/> fails. When the route level of the call
    /// permissions decided (or was consulted), routes whose own permissions would stop the call are left out.
    /// </summary>
    public FailoverRoutes Failover => Route is null || _match is null
        ? default
        : _emergencyRoutes is not null
            ? new FailoverRoutes(_emergencyRoutes, 1) // emergency calls: every matching route, whatever the grants and the permissions
            : new FailoverRoutes(_match.Routes, _routePosition + 1, Policy.OpenGrants, CallerGroup, _ignoreGrants,
                _permission.RouteLevelReached ? Policy.PermissionTable : null, _permission);

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

    /// <summary>The call permission that decided (allowed, denied or asks for its password), or null when none applied.</summary>
    public PermissionInfo? Permission => _permission.Permission;

    /// <summary>The level whose permissions decided, or <see cref="PermissionLevel.None"/>.</summary>
    public PermissionLevel PermissionLevel => _permission.Permission is null ? PermissionLevel.None : _permission.Level;

    /// <summary>The password challenge when <see cref="IsChallenge"/>; otherwise an empty value (<see cref="PermissionChallenge.IsEmpty"/>).</summary>
    public PermissionChallenge Challenge => IsChallenge ? new PermissionChallenge(this) : default;

    /// <summary>The reason the group rules gave before call permissions were consulted (the same as <see cref="Reason"/> when none applied).</summary>
    public DecisionReason GroupRuleReason => _permission.Permission is null ? Reason : _permission.GroupRuleReason;

    internal MatchInfo Match => _match ?? MatchInfo.None;

    internal PermissionVerdict PermissionVerdict => _permission;

    /// <summary>The route the group rules chose, even when a permission denies the call (for explanations).</summary>
    internal RouteGrant? GroupRuleRoute => _route;

    /// <summary>The action the group rules chose, even when a permission denies the call or asks for a password.</summary>
    internal DecisionAction GroupRuleAction => _action;

    /// <summary>The dial string of <see cref="Route"/> with the number filled in; null when not dialing. Allocates.</summary>
    public string? FormatDialString() => Route?.Route.FormatDial(Dialed);

    /// <summary>The dial string of a fail-over <paramref name="grant"/> for this call. Allocates.</summary>
    public string? FormatDialString(RouteGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return grant.Route.FormatDial(Dialed);
    }

    /// <summary>This decision with what the call permissions made of it.</summary>
    internal Decision WithPermissions(in PermissionVerdict verdict, string? outsideNumber)
    {
        var reason = verdict.Outcome switch
        {
            PermissionOutcome.Allowed => DecisionReason.PermissionAllowed,
            PermissionOutcome.Denied => DecisionReason.PermissionDenied,
            PermissionOutcome.Challenged or PermissionOutcome.Unlocked => DecisionReason.PermissionPassword,
            _ => Reason,
        };
        return new Decision(this, reason, outsideNumber, verdict);
    }

    /// <summary>A challenged decision once a password was accepted.</summary>
    internal Decision Unlock() => new(this, Reason, OutsideNumber, _permission.Unlock());
}
