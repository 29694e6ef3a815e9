namespace PhoneGroups.Configuration;

/// <summary>How calls are handled (configuration section <c>Calls</c>).</summary>
public sealed class CallOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Calls";

    /// <summary>How long a called extension or a route may ring before the call ends as not answered, in seconds.</summary>
    /// <value>The default value is 30.</value>
    public int RingTimeoutSeconds { get; set; } = 30;

    /// <summary>The Q.850 cause a denied call is hung up with.</summary>
    /// <value>The default value is 21 (call rejected): phones show "rejected", trunks see 403.</value>
    public int DenialCause { get; set; } = 21;

    /// <summary>The denial prompt, without language or format.</summary>
    /// <value>The default value is <c>phonegroups-forbidden</c>.</value>
    public string DenialPrompt { get; set; } = "phonegroups-forbidden";

    /// <summary>Played when the denial prompt does not exist in the caller's language.</summary>
    /// <value>The default value is Asterisk's own <c>ss-noservice</c>.</value>
    public string FallbackPrompt { get; set; } = "ss-noservice";

    /// <summary>
    /// A dialplan context that receives denied calls instead of the prompt (custom call handling). The call
    /// enters it at the dialed extension with PHONEGROUPS_REASON set.
    /// </summary>
    /// <value>The default value is empty: PhoneGroups plays the prompt and hangs up.</value>
    public string DenialContext { get; set; } = string.Empty;

    /// <summary>
    /// The endpoints (e.g. <c>PJSIP/branch-office</c>) whose caller ID number identifies the caller when
    /// neither PHONEGROUPS_CALLER nor the endpoint itself does: a trunk to another PBX of yours that sends
    /// its extensions' numbers. Any phone or carrier can send any caller ID, so list only endpoints
    /// identified by address or authentication. Calls from them count as calls from a trunk.
    /// </summary>
    /// <value>The default value is empty: no caller ID is trusted.</value>
    public IList<string> TrustCallerIdFrom { get; } = [];

    /// <summary>Replaced by <see cref="TrustCallerIdFrom"/>; setting it to true is refused at start-up, so nobody believes it still works.</summary>
    public bool TrustCallerIdNumber { get; set; }

    /// <summary>
    /// How long after Asterisk hands the controller a transfer (a SIP REFER, ARI <c>ChannelTransfer</c>) the
    /// first progress report to the transferer's phone waits, in milliseconds. Asterisk 22's res_pjsip_refer
    /// raises the event before it has finished taking the REFER, and a report that arrives in that window
    /// crashes Asterisk (docs/operations.md, "Transfers"). 0 sends reports at once.
    /// </summary>
    /// <value>The default value is 100.</value>
    public int TransferSettleMilliseconds { get; set; } = 100;

    /// <summary>How long shutdown waits for calls being set up to reach a stable state, in seconds.</summary>
    /// <value>The default value is 10. Bridged calls stay up in Asterisk after the controller stops.</value>
    public int ShutdownTimeoutSeconds { get; set; } = 10;
}
