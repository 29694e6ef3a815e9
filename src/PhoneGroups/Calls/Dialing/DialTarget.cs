namespace PhoneGroups.Calls;

/// <summary>One way to reach the callee: an endpoint to dial, or a dialplan context to continue in.</summary>
/// <param name="Route">The route's name, or null for an internal extension.</param>
/// <param name="Dial">The dial string (e.g. PJSIP/5550123@trunk-a), or null for a context route.</param>
/// <param name="Context">The dialplan context, for a context route.</param>
/// <param name="Number">The number to send (after the route's strip and prefix).</param>
/// <param name="CallerId">The caller ID to present, or null to keep the caller's.</param>
internal sealed record DialTarget(string? Route, string? Dial, string? Context, string Number, string? CallerId);
