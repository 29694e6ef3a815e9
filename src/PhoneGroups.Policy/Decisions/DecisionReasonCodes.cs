namespace PhoneGroups.Policy.Decisions;

/// <summary>The stable text codes of <see cref="DecisionReason"/>, as printed by <c>check --json</c> and used as metric tags.</summary>
public static class DecisionReasonCodes
{
    /// <summary>The code of <paramref name="reason"/>, e.g. <c>route-not-granted</c>. Never allocates.</summary>
    public static string ToCode(this DecisionReason reason) => reason switch
    {
        DecisionReason.Emergency => "emergency",
        DecisionReason.UnknownCallerInternal => "unknown-caller-internal",
        DecisionReason.UnknownCaller => "unknown-caller",
        DecisionReason.SameGroup => "same-group",
        DecisionReason.AllowedPattern => "allowed-pattern",
        DecisionReason.NotIsolated => "not-isolated",
        DecisionReason.Isolation => "isolation",
        DecisionReason.NoRoute => "no-route",
        DecisionReason.RouteNotGranted => "route-not-granted",
        DecisionReason.RouteGranted => "route-granted",
        DecisionReason.RouteOpen => "route-open",
        DecisionReason.PermissionAllowed => "permission-allowed",
        DecisionReason.PermissionDenied => "permission-denied",
        DecisionReason.PermissionPassword => "permission-password",
        DecisionReason.InvalidNumber => "invalid-number",
        DecisionReason.EmergencyFromTrunk => "emergency-from-trunk",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>The code of <paramref name="outcome"/>: <c>allow</c>, <c>deny</c> or <c>challenge</c>.</summary>
    public static string ToCode(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Allow => "allow",
        DecisionOutcome.Deny => "deny",
        DecisionOutcome.Challenge => "challenge",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>The code of <paramref name="action"/>: <c>deny</c>, <c>bridge</c> or <c>route</c>.</summary>
    public static string ToCode(this DecisionAction action) => action switch
    {
        DecisionAction.Deny => "deny",
        DecisionAction.Bridge => "bridge",
        DecisionAction.Route => "route",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
