namespace PhoneGroups.Calls;

/// <summary>
/// A transfer completed: the transferee and the target talk in the call's bridge; the transferer is out of
/// it and its phone, told NOTIFY 200, hangs up. One that does not within <see cref="Grace"/> is hung up.
/// Either of the two parties hanging up ends the call, as in <see cref="BridgedState"/>.
/// </summary>
internal sealed class TransferredState : CallState
{
    /// <summary>How long the transferer's phone has to hang up by itself (its NOTIFY must go out first).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private readonly string _transferer;
    private readonly ITimer _grace;

    private TransferredState(string transferer, ITimer grace)
    {
        _transferer = transferer;
        _grace = grace;
    }

    public override string Name => "Transferred";

    /// <summary>The grace timer dies with the process: the transferer, out of the bridge, is hung up before it does.</summary>
    public override bool IsSignalledAtShutdown => true;

    public static TransferredState Start(Call call, string transferer)
    {
        var timer = call.Services.SignalLater(call.Id, CallSignalKind.TransfererGrace, Grace);
        return new TransferredState(transferer, timer);
    }

    public override async Task<CallState> OnChannelGoneAsync(Call call, string channelId, int cause, CancellationToken cancellationToken)
    {
        if (channelId == _transferer)
        {
            _grace.Dispose();
            return BridgedState.Instance;
        }

        _grace.Dispose();
        return await EndingState.HangUpAllAsync(call, HangupCauses.Normal).ConfigureAwait(false);
    }

    public override async Task<CallState> OnSignalAsync(Call call, CallSignal signal, CancellationToken cancellationToken)
    {
        if (signal.Kind is CallSignalKind.TransfererGrace or CallSignalKind.Shutdown)
        {
            await call.HangUpAsync(_transferer, HangupCauses.Normal, cancellationToken).ConfigureAwait(false);
        }

        return this;
    }

    public override void OnCompleted(Call call) => _grace.Dispose();
}
