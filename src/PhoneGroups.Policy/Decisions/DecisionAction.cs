namespace PhoneGroups.Policy.Decisions;

/// <summary>What the call controller does with the call.</summary>
public enum DecisionAction
{
    /// <summary>Refuse the call.</summary>
    Deny,

    /// <summary>Bridge the call to an internal extension's endpoint.</summary>
    Bridge,

    /// <summary>Send the call out through a route: dial its dial string or hand it to its dialplan context.</summary>
    Route,
}
