using PhoneGroups.Ari.Events;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Calls;

/// <summary>
/// The caller has entered: identify it from trusted evidence only, decide with the policy in force, and
/// start what the decision says (dial, deny, pick up, hand to the dialplan).
/// </summary>
internal sealed class DecidingState : CallState
{
    public static DecidingState Instance { get; } = new();

    public override string Name => "Deciding";

    public override bool IsSettingUp => true;

    public override async Task<CallState> OnCallerEnteredAsync(Call call, StasisStart start, CancellationToken cancellationToken)
    {
        call.Caller = start.Channel;
        call.Dialed = start.Args.Count > 0 ? start.Args[0] : start.Channel.Dialplan?.Exten ?? string.Empty;
        var evidence = await CallEvidence.ReadAsync(call, cancellationToken).ConfigureAwait(false);
        await CallerIdRestore.RestoreAsync(call, evidence, cancellationToken).ConfigureAwait(false);

        var services = call.Services;
        var policy = services.Policies.Current;
        var identity = CallerIdentity.Identify(policy, evidence[ChannelVariables.Caller], evidence[ChannelVariables.Origin], call.Caller.Name, call.Caller.Caller.Number,
            services.Options.TrustCallerIdFrom);
        call.Origin = identity.Origin;
        call.Identity = identity;
        if (PickupCodes.IsPickup(call.Dialed, out var pickupExtension))
        {
            return await CallPickup.PickUpAsync(call, identity, pickupExtension, cancellationToken).ConfigureAwait(false);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // An outside caller's own number is what incoming call permissions match.
        var decision = policy.Decide(identity.Extension, call.Dialed, identity.Origin, identity.Extension is null ? call.Caller.Caller.Number : null);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        CallLog.Decided(services.Logger, call, decision, identity, elapsed);
        services.Metrics.Decided(decision, elapsed);
        services.Decisions.Add(new(services.Time.GetUtcNow(), call.Id, identity.Extension ?? "unknown", decision.CallerGroup?.Name ?? "none", Policy.Numbers.DialedNumber.Printable(call.Dialed), decision));

        if (decision.IsEmergency)
        {
            CallLog.EmergencyCall(services.Logger, call.Id, identity.Extension ?? "unknown", decision.CallerGroup?.Name ?? "none", call.Dialed,
                string.Join(", ", decision.EmergencyRoutes.Select(r => r.Route.Name)), decision.CallerId ?? "unchanged");
        }

        if (decision.IsChallenge)
        {
            var caller = identity.Extension ?? $"outside {call.Caller.Caller.Number}";
            return await ChallengingState.StartAsync(call, decision, caller, cancellationToken).ConfigureAwait(false);
        }

        return decision.Action switch
        {
            DecisionAction.Bridge or DecisionAction.Route => await DialAttempt.For(call, decision).StartAsync(cancellationToken).ConfigureAwait(false),
            _ => await CallDenial.DenyAsync(call, decision.Reason.ToCode(), decision.CallerLanguage, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>The caller left before it was decided (or while the decision was being made).</summary>
    public override Task<CallState> OnChannelGoneAsync(Call call, string channelId, int cause, CancellationToken cancellationToken) =>
        EndingState.HangUpAllAsync(call, HangupCauses.Normal);

    /// <summary>Stopping before the call was decided: the dialplan's fallback takes it, as when the controller is down.</summary>
    public override Task<CallState> OnSignalAsync(Call call, CallSignal signal, CancellationToken cancellationToken) =>
        signal.Kind == CallSignalKind.Shutdown ? DialplanHandoff.ToFallbackAsync(call, cancellationToken) : Task.FromResult<CallState>(this);
}
