namespace PhoneGroups.Calls;

/// <summary>
/// Dialing a transfer's target for the transferee. While it rings, the call stays as it is; when nothing
/// is left to call, the transfer fails and the call goes back to <paramref name="before"/>.
/// </summary>
internal sealed class TransferDialPurpose(Call call, TransferRequest transfer, string transferer, CallState before) : DialPurpose
{
    private TransferringState? _state;

    public TransferRequest Transfer => transfer;

    /// <summary>The transferer as logs name it.</summary>
    public string Transferer => transferer;

    public override string Party => transfer.TransfereeId;

    public override bool IsCallersOwn => false;

    public override CallState Ringing(DialAttempt attempt) => _state ??= new TransferringState(this, attempt);

    public override Task<CallState> ExhaustedAsync(int cause, CancellationToken cancellationToken) =>
        TransferringState.FailAsync(call, this, cause, before, cancellationToken);
}
