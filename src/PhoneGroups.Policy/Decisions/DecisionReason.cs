namespace PhoneGroups.Policy.Decisions;

/// <summary>Why the decision came out as it did; <see cref="DecisionReasonCodes.ToCode"/> gives the stable text code.</summary>
public enum DecisionReason
{
    /// <summary><c>emergency</c>: an emergency number, allowed whatever the caller's restrictions.</summary>
    Emergency,

    /// <summary><c>unknown-caller-internal</c>: an unknown caller calling an internal extension under <c>internal-only</c>.</summary>
    UnknownCallerInternal,

    /// <summary><c>unknown-caller</c>: an unknown caller, denied by <c>settings.unknownCallers</c>.</summary>
    UnknownCaller,

    /// <summary><c>same-group</c>: the callee is in the caller's group.</summary>
    SameGroup,

    /// <summary><c>allowed-pattern</c>: the callee is outside the caller's isolated group but matches one of its allow patterns.</summary>
    AllowedPattern,

    /// <summary><c>not-isolated</c>: the caller's group (or lack of one) puts no limit on internal calls.</summary>
    NotIsolated,

    /// <summary><c>isolation</c>: the caller's group is isolated and the number is outside it and its allow patterns.</summary>
    Isolation,

    /// <summary><c>no-route</c>: no route's patterns match the number.</summary>
    NoRoute,

    /// <summary><c>route-not-granted</c>: routes match, but the caller's group lists none of them.</summary>
    RouteNotGranted,

    /// <summary><c>route-granted</c>: a route the caller's group lists matches.</summary>
    RouteGranted,

    /// <summary><c>route-open</c>: a route matches and the caller's group does not restrict routes.</summary>
    RouteOpen,

    /// <summary><c>permission-allowed</c>: the group rules allowed the call and an allow permission decided.</summary>
    PermissionAllowed,

    /// <summary><c>permission-denied</c>: the group rules allowed the call, but a deny permission without password decided.</summary>
    PermissionDenied,

    /// <summary><c>permission-password</c>: every deny permission that decided has a password; the caller must enter one.</summary>
    PermissionPassword,

    /// <summary><c>invalid-number</c>: the dialed number holds a character that may not be dialed (see <see cref="Numbers.DialedNumber"/>); no rule ran.</summary>
    InvalidNumber,

    /// <summary><c>emergency-from-trunk</c>: an emergency number dialed by a call that came in from a trunk; never routed back out.</summary>
    EmergencyFromTrunk,
}
