namespace PhoneGroups.Calls;

/// <summary>Channel variables the controller reads and writes.</summary>
internal static class ChannelVariables
{
    /// <summary>The trusted caller identity set by the dialplan.</summary>
    public const string Caller = "PHONEGROUPS_CALLER";

    /// <summary>Where the call came from: the trunks' context sets it to <c>trunk</c> (never routed out as an emergency call).</summary>
    public const string Origin = "PHONEGROUPS_ORIGIN";

    /// <summary>The caller ID a context route replaced, to be put back.</summary>
    public const string OriginalCallerId = "PHONEGROUPS_ORIGINAL_CALLERID";

    /// <summary>Why a call handed to the denial context was denied.</summary>
    public const string Reason = "PHONEGROUPS_REASON";

    /// <summary>The variables a call is decided on; ari.conf's <c>channelvars</c> must list them.</summary>
    public static IReadOnlyList<string> Evidence { get; } = [Caller, Origin, OriginalCallerId];
}
