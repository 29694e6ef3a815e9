namespace PhoneGroups.Calls;

/// <summary>How the caller of a call was identified, in the order of trust.</summary>
public enum CallerSource
{
    /// <summary>Not identified: the policy's unknownCallers setting applies.</summary>
    Unknown,

    /// <summary>The dialplan set PHONEGROUPS_CALLER (trusted configuration).</summary>
    DialplanVariable,

    /// <summary>The PJSIP endpoint the call came from.</summary>
    Endpoint,

    /// <summary>The caller ID number, trusted because the call came from an endpoint listed in Calls:TrustCallerIdFrom.</summary>
    CallerIdNumber,
}
