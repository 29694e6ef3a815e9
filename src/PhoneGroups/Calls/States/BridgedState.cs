namespace PhoneGroups.Calls;

/// <summary>
/// Two parties talk in the call's bridge. When either hangs up, the other is hung up and the bridge
/// destroyed. Bridged calls stay up when the controller stops; a restarted controller adopts them.
/// </summary>
internal sealed class BridgedState : CallState
{
    public static BridgedState Instance { get; } = new();

    public override string Name => "Bridged";

    public override Task<CallState> OnChannelGoneAsync(Call call, string channelId, int cause, CancellationToken cancellationToken) =>
        EndingState.HangUpAllAsync(call, HangupCauses.Normal);
}
