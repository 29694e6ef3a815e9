using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Web.Live;

/// <summary>One decision as the Live page shows it.</summary>
/// <param name="At">When it was made.</param>
/// <param name="CallId">The call's id (its first channel).</param>
/// <param name="Caller">The caller's extension, or <c>unknown</c>.</param>
/// <param name="CallerGroup">The caller's group, or <c>none</c>.</param>
/// <param name="Dialed">What was dialed, printable.</param>
/// <param name="Decision">The decision itself, explained when shown (not on the call path).</param>
public sealed record LiveDecision(DateTimeOffset At, string CallId, string Caller, string CallerGroup, string Dialed, Decision Decision);
