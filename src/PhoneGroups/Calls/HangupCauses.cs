namespace PhoneGroups.Calls;

/// <summary>Q.850 causes the controller hangs up with, and how a failed leg's outcome maps onto them.</summary>
public static class HangupCauses
{
    /// <summary>Normal clearing.</summary>
    public const int Normal = 16;

    /// <summary>User busy.</summary>
    public const int Busy = 17;

    /// <summary>No answer from the user (ringing timed out).</summary>
    public const int NoAnswer = 19;

    /// <summary>Subscriber absent (the phone is not reachable).</summary>
    public const int Unavailable = 20;

    /// <summary>Redirected to a new destination: the callee answered 302.</summary>
    public const int RedirectedToNewDestination = 23;

    /// <summary>Exchange routing error: a forward loop, or more forwards than one call follows.</summary>
    public const int ExchangeRoutingError = 25;

    /// <summary>Answered elsewhere (the call was picked up by another phone).</summary>
    public const int AnsweredElsewhere = 26;

    /// <summary>No circuit available (the trunk or network is congested).</summary>
    public const int Congestion = 34;

    /// <summary>Temporary failure.</summary>
    public const int TemporaryFailure = 41;

    /// <summary>
    /// The cause to give the caller when the leg it called ended without answering: the leg's own cause
    /// when Asterisk gave one, else the one the Dial status implies.
    /// </summary>
    public static int ForFailedLeg(string? dialStatus, int legCause) => dialStatus?.ToUpperInvariant() switch
    {
        "BUSY" => Busy,
        "NOANSWER" => NoAnswer,
        "CHANUNAVAIL" => legCause is > 0 and not Normal ? legCause : Unavailable,
        "CONGESTION" => Congestion,
        _ => legCause switch
        {
            > 0 and not Normal => legCause,
            _ => Unavailable,
        },
    };

    /// <summary>Whether a route failing with <paramref name="cause"/> should fall over to the next route.</summary>
    /// <remarks>
    /// Only failures of the way out count (unreachable, out of order, congested, temporary or unknown
    /// failures); busy, no answer and rejection are the called party's answer and end the call.
    /// </remarks>
    public static bool IsRouteFailure(int cause) => cause is 0 or Unavailable or 27 or Congestion or 38 or TemporaryFailure or 42 or 44 or 47 or 127;
}
