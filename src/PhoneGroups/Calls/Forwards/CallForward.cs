using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Calls;

/// <summary>
/// A callee answered the controller's leg with a SIP 302 (Asterisk reports it as a Dial event with
/// <c>forward</c>; under ARI it follows no forward itself). The forward is decided as the <b>forwarder</b>
/// calling the target: the extension that was rung, or, when a carrier on a route redirects, the caller
/// (nobody else is known). Allowed: the caller's call goes on to the target (fail-over and the forwarder's
/// group caller ID on routes). Denied: the caller hears the denial prompt. Loops and long chains end with
/// cause 25.
/// </summary>
internal static class CallForward
{
    public static async Task<CallState> FollowAsync(Call call, DialAttempt attempt, string target, CancellationToken cancellationToken)
    {
        var services = call.Services;
        var policy = services.Policies.Current;
        var origin = call.Origin ?? CallOrigin.Trunk; // not identified: treated as the stricter case
        var forwarder = attempt.Extension is { } extension
            ? new CallerIdentity(extension, CallerSource.Endpoint, origin)
            : call.Identity ?? new CallerIdentity(null, CallerSource.Unknown, origin);

        // The forwarding leg is over: nothing it does from now on may reach the caller.
        await attempt.AbandonLegAsync(HangupCauses.Normal).ConfigureAwait(false);

        var chain = attempt.Forwards ?? ForwardChain.StartingAt(attempt.Target?.Number ?? call.Dialed);
        if (chain.RefusalFor(target) is { } refusal)
        {
            ForwardLog.Loop(services.Logger, call.Id, forwarder.Extension ?? "unknown", Policy.Numbers.DialedNumber.Printable(target), refusal, chain.ToString(),
                HangupCauses.ExchangeRoutingError);
            services.Metrics.Forwarded("loop");
            await call.HangUpAsync(call.Id, HangupCauses.ExchangeRoutingError, cancellationToken).ConfigureAwait(false);
            return EndingState.Instance;
        }

        var decided = RedirectionDecision.Decide(policy, forwarder, target, origin == CallOrigin.Trunk, call.Caller.Caller.Number);
        ForwardLog.Decided(services.Logger, call, decided, target, chain.Hops + 1);
        services.Metrics.Forwarded(decided.IsAllowed ? "allow" : "deny");
        if (!decided.IsAllowed)
        {
            // Nobody who could type the forwarder's password is on the line: a forward that needs one is denied.
            return await CallDenial.DenyAsync(call, decided.ReasonCode, CallerLanguage(call), cancellationToken).ConfigureAwait(false);
        }

        return await DialAttempt.For(call, decided.Decision, attempt.AccountCode, target, chain.Then(target)).StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The caller hears a denial in its own language, not the forwarder's.</summary>
    private static string? CallerLanguage(Call call) =>
        call.Identity?.Extension is { } caller && call.Services.Policies.Current.TryGetExtension(caller, out var info) ? info.EffectiveLanguage : null;
}
