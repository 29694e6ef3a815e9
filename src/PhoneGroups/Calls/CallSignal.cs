using PhoneGroups.Ari.Events;

namespace PhoneGroups.Calls;

/// <summary>What the controller itself tells a call, through the same ordered stream as Asterisk's events.</summary>
internal enum CallSignalKind
{
    /// <summary>The controller stops: a call still being set up goes to the dialplan's fallback or ends with a cause.</summary>
    Shutdown,

    /// <summary>The caller stopped typing a password: check what was typed (<see cref="CallSignal.Generation"/> names which pause).</summary>
    DigitPause,

    /// <summary>A transferer that was told its transfer completed had time enough to hang up by itself.</summary>
    TransfererGrace,
}

/// <summary>An event the controller sends to one call (it is never sent by Asterisk).</summary>
/// <param name="CallId">The call's id (its caller channel).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Generation">For timers: which one fired, so a timer stopped too late is recognised and ignored.</param>
internal sealed record CallSignal(string CallId, CallSignalKind Kind, int Generation = 0) : AriEvent;
