namespace PhoneGroups.Calls;

/// <summary>
/// Two parties talk in the call's bridge. When either hangs up, the other is hung up and the bridge
/// destroyed. Bridged calls stay up when the controller stops; a restarted controller adopts them.
/// </summary>
internal sealed class BridgedState : CallState
{
    public static BridgedState Instance { get; } = new();

    public override string Name => "Bridged";

    /// <summary>A party asked for a transfer: decided as the transferer (progress echoes are ignored).</summary>
    public override Task<CallState> OnTransferAsync(Call call, Ari.Events.ChannelTransfer transfer, CancellationToken cancellationToken) =>
        transfer.State is null ? CallTransfer.StartAsync(call, transfer, this, cancellationToken) : Task.FromResult<CallState>(this);

    public override Task<CallState> OnChannelGoneAsync(Call call, string channelId, int cause, CancellationToken cancellationToken) =>
        EndingState.HangUpAllAsync(call, HangupCauses.Normal);
}
