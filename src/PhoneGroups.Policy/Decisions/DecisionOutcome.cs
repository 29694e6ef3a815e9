namespace PhoneGroups.Policy.Decisions;

/// <summary>Whether the call may go ahead: the <c>decision</c> of <c>check --json</c>.</summary>
public enum DecisionOutcome
{
    /// <summary><c>allow</c>: bridge or route the call as <see cref="Decision.Action"/> says.</summary>
    Allow,

    /// <summary><c>deny</c>: refuse the call.</summary>
    Deny,

    /// <summary>
    /// <c>challenge</c>: ask for a call-permission password (<see cref="Decision.Challenge"/>); once one is accepted,
    /// the call goes on as <see cref="PhoneGroups.Policy.Permissions.PermissionChallenge.Granted"/> says.
    /// </summary>
    Challenge,
}
