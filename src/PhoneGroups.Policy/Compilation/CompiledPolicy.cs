using System.Diagnostics.CodeAnalysis;
using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Model;
using PhoneGroups.Policy.Numbers;
using PhoneGroups.Policy.Patterns;
using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Policy.Compilation;

/// <summary>
/// A validated policy compiled for fast decisions. Immutable: share it between threads freely and
/// replace it as a whole (see <see cref="PolicyStore"/>) when the file changes.
/// </summary>
public sealed class CompiledPolicy
{
    private const int StackNumberLength = 128;

    private readonly Dictionary<string, ExtensionInfo> _extensions;
    private readonly Dictionary<string, ExtensionInfo>.AlternateLookup<ReadOnlySpan<char>> _extensionsBySpan;
    private readonly Dictionary<string, GroupInfo> _groupsByName;
    private readonly GroupInfo[] _groups;
    private readonly RouteInfo[] _routes;
    private readonly PatternSet _patterns;
    private readonly MatchInfo[] _matches; // by PatternSet match id
    private readonly PermissionTable _permissions;

    internal CompiledPolicy(string sourceName, string defaultLanguage, UnknownCallerMode unknownCallers, IReadOnlyList<AsteriskPattern> emergencyNumbers,
        GroupInfo[] groups, RouteInfo[] routes, Dictionary<string, ExtensionInfo> extensions, PatternSet patterns, MatchInfo[] matches,
        PermissionTable? permissions = null)
    {
        SourceName = sourceName;
        DefaultLanguage = defaultLanguage;
        UnknownCallers = unknownCallers;
        EmergencyNumbers = emergencyNumbers;
        _groups = groups;
        _routes = routes;
        _extensions = extensions;
        _extensionsBySpan = extensions.GetAlternateLookup<ReadOnlySpan<char>>();
        _groupsByName = groups.ToDictionary(g => g.Name, StringComparer.OrdinalIgnoreCase);
        _patterns = patterns;
        _matches = matches;
        _permissions = permissions ?? PermissionTable.Empty;
        OpenGrants = [.. routes.Select(r => new RouteGrant(r, callerId: null))];
        DefaultGroup = groups.FirstOrDefault(g => g.IsDefault);
    }

    /// <summary>The file (or name) the policy was loaded from.</summary>
    public string SourceName { get; }

    /// <summary>The prompt language when neither the extension, its group nor the channel has one.</summary>
    /// <value>The default value is <c>en</c>.</value>
    public string DefaultLanguage { get; }

    /// <summary>What callers that are not internal extensions may do.</summary>
    public UnknownCallerMode UnknownCallers { get; }

    /// <summary>Numbers that are always allowed.</summary>
    public IReadOnlyList<AsteriskPattern> EmergencyNumbers { get; }

    /// <summary>The groups in policy order.</summary>
    public IReadOnlyList<GroupInfo> Groups => _groups;

    /// <summary>The routes in the order they are tried.</summary>
    public IReadOnlyList<RouteInfo> Routes => _routes;

    /// <summary>Every internal extension.</summary>
    public IReadOnlyCollection<ExtensionInfo> Extensions => _extensions.Values;

    /// <summary>The default group, or null.</summary>
    public GroupInfo? DefaultGroup { get; }

    /// <summary>The automaton behind every pattern of the policy (exposed for diagnostics).</summary>
    public PatternSet Patterns => _patterns;

    /// <summary>The call permissions in policy order, disabled ones included.</summary>
    public IReadOnlyList<PermissionInfo> Permissions => _permissions.Permissions;

    /// <summary>The compiled call permissions.</summary>
    internal PermissionTable PermissionTable => _permissions;

    /// <summary>Each route without a group-specific caller ID, by route index.</summary>
    internal RouteGrant[] OpenGrants { get; }

    /// <summary>Looks up an internal extension by number.</summary>
    public bool TryGetExtension(string number, [NotNullWhen(true)] out ExtensionInfo? extension)
    {
        ArgumentNullException.ThrowIfNull(number);
        return _extensions.TryGetValue(number, out extension);
    }

    /// <summary>Looks up an internal extension by number, without allocating.</summary>
    public bool TryGetExtension(ReadOnlySpan<char> number, [NotNullWhen(true)] out ExtensionInfo? extension) =>
        _extensionsBySpan.TryGetValue(number, out extension);

    /// <summary>Looks up a group by name, ignoring case.</summary>
    public bool TryGetGroup(string name, [NotNullWhen(true)] out GroupInfo? group)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _groupsByName.TryGetValue(name, out group);
    }

    /// <summary>
    /// Whether <paramref name="pickerExtension"/> may pick up a call ringing at <paramref name="ringingExtension"/>.
    /// When the picker's group or the ringing extension's group is pickup-isolated, only a member of the same
    /// group may pick up; unknown phones may pick up nothing.
    /// </summary>
    public bool MayPickUp(string pickerExtension, string ringingExtension)
    {
        ArgumentNullException.ThrowIfNull(ringingExtension);
        if (!TryGetExtension(pickerExtension, out var picker))
        {
            return false;
        }

        var ringingGroup = TryGetExtension(ringingExtension, out var ringing) ? ringing.Group : null;
        var isolated = picker.Group is { IsPickupIsolated: true } || ringingGroup is { IsPickupIsolated: true };
        return !isolated || (picker.Group is not null && ringingGroup == picker.Group);
    }

    /// <summary>
    /// Decides a call from <paramref name="callerExtension"/> (null or empty when unknown) to <paramref name="dialed"/>.
    /// Pure and allocation-free: safe to call from any thread, as often as calls arrive.
    /// </summary>
    public Decision Decide(string? callerExtension, string dialed) => Decide(callerExtension, dialed, CallOrigin.Internal, outsideNumber: null);

    /// <summary>
    /// Decides a call from <paramref name="callerExtension"/> to <paramref name="dialed"/> that came from
    /// <paramref name="origin"/>. Allocation-free, except for emergency calls (their route list).
    /// </summary>
    public Decision Decide(string? callerExtension, string dialed, CallOrigin origin) => Decide(callerExtension, dialed, origin, outsideNumber: null);

    /// <summary>
    /// Decides a call from <paramref name="callerExtension"/> (null or empty when unknown) to <paramref name="dialed"/>
    /// with <paramref name="outsideNumber"/> as the outside caller's own number (see the full overload).
    /// </summary>
    public Decision Decide(string? callerExtension, string dialed, string? outsideNumber) =>
        Decide(callerExtension, dialed, CallOrigin.Internal, outsideNumber);

    /// <summary>
    /// Decides a call from <paramref name="callerExtension"/> (null or empty when unknown) to <paramref name="dialed"/>
    /// that came from <paramref name="origin"/>: the number is checked first, then the group rules, then, for a call
    /// they allowed (emergency numbers aside), the call permissions. <paramref name="outsideNumber"/> is an outside
    /// caller's own number (its caller ID), which incoming permissions match; when null, a
    /// <paramref name="callerExtension"/> that is not an internal extension stands for it. A call from a trunk is a
    /// call from outside for the permissions: the incoming level is consulted first, whoever the caller is.
    /// Pure and allocation-free (emergency calls aside: their route list): safe to call from any thread, as often as calls arrive.
    /// </summary>
    public Decision Decide(string? callerExtension, string dialed, CallOrigin origin, string? outsideNumber)
    {
        var decision = DecideByGroupRules(callerExtension, dialed, origin, out var permissionMatch);
        if (_permissions.Patterns is null && outsideNumber is null)
        {
            return decision; // no enabled permission: the decision of rules 0-5, as before permissions existed
        }

        if (!decision.IsAllowed || decision.Reason == DecisionReason.Emergency)
        {
            return outsideNumber is null ? decision : decision.WithPermissions(default, outsideNumber);
        }

        var fromOutside = decision.Caller is null || origin == CallOrigin.Trunk;
        var number = fromOutside ? outsideNumber ?? callerExtension ?? string.Empty : string.Empty;
        var verdict = _permissions.Evaluate(decision.Caller, fromOutside, number, permissionMatch, decision.Route?.Route, decision.Match.Routes, decision.Reason);
        return decision.WithPermissions(verdict, outsideNumber);
    }

    /// <summary>
    /// Rules 0-5 of docs/policy.md: number validation, emergency, unknown callers, isolation, routes and grants. The
    /// same pass over the number walks the permissions' automaton too (<paramref name="permissionMatch"/>, 0 when there is none).
    /// </summary>
    private Decision DecideByGroupRules(string? callerExtension, string dialed, CallOrigin origin, out int permissionMatch)
    {
        ArgumentNullException.ThrowIfNull(dialed);
        permissionMatch = 0;
        ExtensionInfo? caller = null;
        if (!string.IsNullOrEmpty(callerExtension))
        {
            _extensions.TryGetValue(callerExtension, out caller);
        }

        // 0. Characters that could change a dial string or a dialplan continue: refused before any rule.
        if (!DialedNumber.IsValid(dialed))
        {
            return new Decision(this, DecisionAction.Deny, DecisionReason.InvalidNumber, callerExtension, caller, dialed, null, MatchInfo.None);
        }

        var match = _matches[_permissions.Patterns is { } permissions ? _patterns.Match(dialed, permissions, out permissionMatch) : _patterns.Match(dialed)];

        var group = caller?.Group;
        ExtensionInfo? callee = null;

        // 1. Emergency numbers bypass isolation and route grants, but only for calls from inside.
        if (match.IsEmergency)
        {
            if (origin == CallOrigin.Trunk)
            {
                return Deny(DecisionReason.EmergencyFromTrunk);
            }

            if (match.Routes.Length == 0)
            {
                return Deny(DecisionReason.NoRoute);
            }

            var emergencyRoutes = EmergencyRoutes(match, caller);
            return new Decision(this, DecisionAction.Route, DecisionReason.Emergency, callerExtension, caller, dialed, null, match,
                emergencyRoutes[0], 0, ignoreGrants: true, emergencyRoutes);
        }

        callee = FindExtension(dialed);

        // 2. Unknown callers.
        if (caller is null)
        {
            switch (UnknownCallers)
            {
                case UnknownCallerMode.InternalOnly when callee is not null:
                    return new Decision(this, DecisionAction.Bridge, DecisionReason.UnknownCallerInternal, callerExtension, null, dialed, callee, match);
                case UnknownCallerMode.InternalOnly:
                case UnknownCallerMode.Deny:
                    return Deny(DecisionReason.UnknownCaller);
                default:
                    break; // `allow`: an extension that belongs to no group
            }
        }

        // 3.-4. Internal extension: isolation limits what members dial, not who calls them.
        if (callee is not null)
        {
            if (group is not null && callee.Group == group)
            {
                return Bridge(DecisionReason.SameGroup);
            }

            if (group is { IsIsolated: true })
            {
                return match.IsAllowedFor(group.Index) ? Bridge(DecisionReason.AllowedPattern) : Deny(DecisionReason.Isolation);
            }

            return Bridge(DecisionReason.NotIsolated);
        }

        // 5. External number.
        if (group is { IsIsolated: true } && !match.IsAllowedFor(group.Index))
        {
            return Deny(DecisionReason.Isolation);
        }

        var routes = match.Routes;
        if (routes.Length == 0)
        {
            return Deny(DecisionReason.NoRoute);
        }

        for (var i = 0; i < routes.Length; i++)
        {
            if (FailoverRoutes.Resolve(routes[i], OpenGrants, group, ignoreGrants: false) is { } grant)
            {
                var reason = group is { ListsRoutes: true } ? DecisionReason.RouteGranted : DecisionReason.RouteOpen;
                return new Decision(this, DecisionAction.Route, reason, callerExtension, caller, dialed, callee, match, grant, i);
            }
        }

        return Deny(DecisionReason.RouteNotGranted);

        Decision Deny(DecisionReason reason) =>
            new(this, DecisionAction.Deny, reason, callerExtension, caller, dialed, callee, match);

        Decision Bridge(DecisionReason reason) =>
            new(this, DecisionAction.Bridge, reason, callerExtension, caller, dialed, callee, match);
    }

    /// <summary>
    /// Every route that matches an emergency number, in route order, whatever the grants, each presenting the
    /// caller group's emergency caller ID (a callback number), else the extension's own number, else (an
    /// unknown phone) the caller's own caller ID.
    /// </summary>
    private RouteGrant[] EmergencyRoutes(MatchInfo match, ExtensionInfo? caller)
    {
        var callerId = caller?.Group?.EmergencyCallerId ?? caller?.Number;
        var grants = new RouteGrant[match.Routes.Length];
        for (var i = 0; i < grants.Length; i++)
        {
            grants[i] = callerId is null ? OpenGrants[match.Routes[i]] : new RouteGrant(_routes[match.Routes[i]], callerId);
        }

        return grants;
    }

    /// <summary>The internal extension <paramref name="dialed"/> names, ignoring dashes as Asterisk does.</summary>
    private ExtensionInfo? FindExtension(string dialed)
    {
        if (!dialed.Contains('-', StringComparison.Ordinal))
        {
            return _extensions.GetValueOrDefault(dialed);
        }

        if (dialed.Length > StackNumberLength)
        {
            return _extensions.GetValueOrDefault(dialed.Replace("-", string.Empty, StringComparison.Ordinal));
        }

        Span<char> buffer = stackalloc char[StackNumberLength];
        var length = 0;
        foreach (var c in dialed)
        {
            if (c != '-')
            {
                buffer[length++] = c;
            }
        }

        return _extensionsBySpan.TryGetValue(buffer[..length], out var extension) ? extension : null;
    }
}
