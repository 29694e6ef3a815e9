namespace PhoneGroups.Calls;

/// <summary>
/// Whom a <see cref="DialAttempt"/> calls for, and what becomes of the call around it: the caller's own call
/// (the default), or a transfer (the transferee is connected, and running out of targets only fails the
/// transfer).
/// </summary>
internal abstract class DialPurpose
{
    /// <summary>The channel the callee will be connected to.</summary>
    public abstract string Party { get; }

    /// <summary>Whether the ringing leg may be picked up and a route may hand the caller to the dialplan.</summary>
    public abstract bool IsCallersOwn { get; }

    /// <summary>The state while a leg of <paramref name="attempt"/> rings.</summary>
    public abstract CallState Ringing(DialAttempt attempt);

    /// <summary>Nothing is left to call (or the callee's own answer ends it): <paramref name="cause"/> says why.</summary>
    public abstract Task<CallState> ExhaustedAsync(int cause, CancellationToken cancellationToken);
}
