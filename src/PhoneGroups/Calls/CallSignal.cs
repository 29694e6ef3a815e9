using PhoneGroups.Ari.Events;

namespace PhoneGroups.Calls;

/// <summary>An event the controller sends to one call (it is never sent by Asterisk).</summary>
/// <param name="CallId">The call's id (its caller channel).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Generation">For timers: which one fired, so a timer stopped too late is recognised and ignored.</param>
internal sealed record CallSignal(string CallId, CallSignalKind Kind, int Generation = 0) : AriEvent;
