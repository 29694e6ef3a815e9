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

    /// <summary>The leg being called rang for the ring timeout (<see cref="CallSignal.Generation"/>: the leg's number): no answer.</summary>
    RingTimeout,

    /// <summary>Time to hang up again the channels Asterisk refused to hang up (<see cref="CallSignal.Generation"/>: the attempt).</summary>
    HangupRetry,
}
