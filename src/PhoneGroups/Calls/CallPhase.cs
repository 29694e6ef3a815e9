namespace PhoneGroups.Calls;

/// <summary>Where a call is in its life.</summary>
internal enum CallPhase
{
    /// <summary>Entered the controller; not decided yet.</summary>
    New,

    /// <summary>Denied: the prompt plays, then the call is rejected.</summary>
    Denying,

    /// <summary>Allowed: the callee leg (an extension or a route) is being called.</summary>
    Dialing,

    /// <summary>Two parties talk in a bridge.</summary>
    Bridged,

    /// <summary>Handed to the dialplan (a context route or the custom denial context).</summary>
    HandedOff,

    /// <summary>Everything is gone: the call is forgotten.</summary>
    Ended,
}
