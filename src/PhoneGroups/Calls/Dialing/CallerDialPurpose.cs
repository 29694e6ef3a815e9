namespace PhoneGroups.Calls;

/// <summary>The caller's own call: the caller is connected; when nothing is left to call, the caller gets the cause.</summary>
internal sealed class CallerDialPurpose(Call call) : DialPurpose
{
    public override string Party => call.Id;

    public override bool IsCallersOwn => true;

    public override CallState Ringing(DialAttempt attempt) => new DialingState(attempt);

    public override async Task<CallState> ExhaustedAsync(int cause, CancellationToken cancellationToken)
    {
        await call.HangUpAsync(call.Id, cause, cancellationToken).ConfigureAwait(false);
        return EndingState.Instance;
    }
}
