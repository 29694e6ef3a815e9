using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Calls;

/// <summary>
/// A party of a bridged call asked for a transfer (SIP REFER, which Asterisk hands to the controller:
/// <c>PJSIP_TRANSFER_HANDLING()=ari-only</c>). It is decided as the <b>transferer</b> calling the target, with
/// the transferer's group, isolation, route grants, caller ID and permissions; never with the transferee's
/// (a trunk caller has none). Allowed: the target is dialed for the transferee while the call stays as it
/// is (<see cref="TransferringState"/>). Denied: the transferer's phone is told (NOTIFY 603) and the call
/// stays as it was.
/// </summary>
internal static class CallTransfer
{
    public static async Task<CallState> StartAsync(Call call, ChannelTransfer request, CallState current, CancellationToken cancellationToken)
    {
        var services = call.Services;
        var transfer = TransferRequest.From(call, request);
        var transfererId = request.ReferredBy.SourceChannel.Id;
        if (transfer is null)
        {
            return await RefuseAsync(call, transfererId, "the transferer's call has no single other party", current, cancellationToken).ConfigureAwait(false);
        }

        var policy = services.Policies.Current;
        var transferer = IdentityOf(call, transfer.Transferer);
        if (transfer.Kind == TransferRequest.Attended)
        {
            return await AttendedTransfer.StartAsync(call, request, transfer, transferer, IsFromOutside(call, transfer.TransfereeId, transfer.TransfereeName), current, cancellationToken)
                .ConfigureAwait(false);
        }

        var decided = RedirectionDecision.Decide(policy, transferer, transfer.Target!, IsFromOutside(call, transfer.TransfereeId, transfer.TransfereeName), transfer.Transferer.Caller.Number);
        TransferLog.Decided(services.Logger, call, transfer, decided);
        services.Metrics.Transferred(transfer.Kind, decided.IsAllowed ? "allow" : "deny");
        if (!decided.IsAllowed)
        {
            // A transfer that needs a password is refused too: the transferer is not asked (yet).
            await TransferProgress.ReportAsync(call, transfererId, TransferProgress.Declined, cancellationToken).ConfigureAwait(false);
            return current;
        }

        await TransferProgress.ReportAsync(call, transfererId, TransferProgress.Trying, cancellationToken).ConfigureAwait(false);
        var purpose = new TransferDialPurpose(call, transfer, decided.PartyName, current);
        var attempt = DialAttempt.For(call, decided.Decision, number: transfer.Target, purpose: purpose);
        return await attempt.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A transfer the call cannot take now: the phone is told, the call goes on as it was.</summary>
    public static async Task<CallState> RefuseAsync(Call call, string transfererId, string why, CallState current, CancellationToken cancellationToken)
    {
        TransferLog.Refused(call.Services.Logger, call.Id, TransfererName(call, transfererId), why);
        call.Services.Metrics.Transferred("unknown", "deny");
        await TransferProgress.ReportAsync(call, transfererId, TransferProgress.Declined, cancellationToken).ConfigureAwait(false);
        return current;
    }

    /// <summary>
    /// Who the transferer is: the caller as identified when the call entered; a callee by the endpoint of
    /// its channel (the controller created it for an extension). Nothing else counts: unknown otherwise.
    /// </summary>
    public static CallerIdentity IdentityOf(Call call, Channel transferer) =>
        transferer.Id == call.Id
            ? call.Identity ?? new CallerIdentity(null, CallerSource.Unknown, call.Origin ?? CallOrigin.Trunk)
            : CallerIdentity.Identify(call.Services.Policies.Current, null, null, transferer.Name, null, []);

    /// <summary>
    /// Whether a party of <paramref name="call"/> is from outside: the caller as identified when it entered; a
    /// callee unless its channel is an extension's phone (a route's leg is a carrier's). Not known counts as outside.
    /// </summary>
    public static bool IsFromOutside(Call call, string channelId, string? channelName)
    {
        if (channelId == call.Id)
        {
            return (call.Origin ?? CallOrigin.Trunk) == CallOrigin.Trunk;
        }

        return channelName is null
            || CallerIdentity.Identify(call.Services.Policies.Current, null, null, channelName, null, []).Extension is null;
    }

    private static string TransfererName(Call call, string transfererId) =>
        transfererId == call.Id ? call.Identity?.Extension ?? "unknown" : transfererId;
}
