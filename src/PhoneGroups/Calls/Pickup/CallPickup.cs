using PhoneGroups.Policy.Compilation;

namespace PhoneGroups.Calls;

/// <summary>
/// Call pickup: *8 takes a call ringing for the picker's group, **EXT the call ringing at EXT. The
/// controller created the ringing legs, so it knows them: picking up claims the ringing call (one atomic
/// step against its callee answering), answers the picker, hangs up the ringing leg and bridges the picker
/// with the original caller.
/// </summary>
internal static class CallPickup
{
    public static async Task<CallState> PickUpAsync(Call call, CallerIdentity picker, string? directedExtension, CancellationToken cancellationToken)
    {
        var services = call.Services;
        var policy = services.Policies.Current;
        var pickerGroup = picker.Extension is not null && policy.TryGetExtension(picker.Extension, out var pickerInfo) ? pickerInfo.Group : null;
        var candidates = directedExtension is not null
            ? services.Ringing.Where(extension => extension == directedExtension)
            : services.Ringing.Where(extension => pickerGroup is not null && policy.TryGetExtension(extension, out var ringing) && ringing.Group == pickerGroup);

        var refused = false;
        foreach (var ringing in candidates)
        {
            if (picker.Extension is null || !policy.MayPickUp(picker.Extension, ringing.Extension))
            {
                refused = true;
                continue;
            }

            if (ringing.Call != call && ringing.TryClaim(call))
            {
                CallLog.PickedUp(services.Logger, call.Id, picker.Extension, ringing.Extension, ringing.Call.Id);
                services.Metrics.Decided("pickup", "pickup-allowed", TimeSpan.Zero);
                return await CompleteAsync(call, ringing, cancellationToken).ConfigureAwait(false);
            }
        }

        var reason = refused ? "pickup-isolated" : "pickup-nothing-ringing";
        CallLog.PickupDenied(services.Logger, call.Id, picker.Extension ?? "unknown", call.Dialed, reason);
        services.Metrics.Decided("deny", reason, TimeSpan.Zero);
        return await CallDenial.DenyAsync(call, reason, LanguageOf(policy, picker.Extension), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The picker takes the place of the callee: bridged with the original caller.</summary>
    private static async Task<CallState> CompleteAsync(Call call, RingingLeg ringing, CancellationToken cancellationToken)
    {
        var ari = call.Services.Ari;
        await ari.AnswerAsync(call.Id, cancellationToken).ConfigureAwait(false);
        await ari.HangupAsync(ringing.LegId, HangupCauses.AnsweredElsewhere, cancellationToken).ConfigureAwait(false);
        return await CallBridging.BridgeAsync(call, call.Id, "pickup", cancellationToken, callerId: ringing.Call.Id).ConfigureAwait(false);
    }

    private static string? LanguageOf(CompiledPolicy policy, string? extension) =>
        extension is not null && policy.TryGetExtension(extension, out var info) ? info.EffectiveLanguage : null;
}
