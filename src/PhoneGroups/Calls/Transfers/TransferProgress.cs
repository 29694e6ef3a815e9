namespace PhoneGroups.Calls;

/// <summary>
/// The progress states of <c>POST /channels/{id}/transfer_progress</c>, posted on the transferer's channel:
/// its phone gets them as the SIP NOTIFY (message/sipfrag) of its REFER.
/// </summary>
internal static class TransferProgress
{
    /// <summary>NOTIFY <c>SIP/2.0 100 Trying</c>: the transfer is under way.</summary>
    public const string Trying = "channel_progress";

    /// <summary>NOTIFY <c>SIP/2.0 200 OK</c>: the target answered; the transferer's phone may hang up.</summary>
    public const string Answered = "channel_answered";

    /// <summary>NOTIFY <c>SIP/2.0 503 Service Unavailable</c>: the target could not be reached.</summary>
    public const string Unavailable = "channel_unavailable";

    /// <summary>NOTIFY <c>SIP/2.0 603 Decline</c>: the transfer is refused; the phone takes its call back.</summary>
    public const string Declined = "channel_declined";

    /// <summary>
    /// Reports <paramref name="state"/> to the transferer's phone; a transferer already gone is no failure. Not
    /// before <see cref="Configuration.CallOptions.TransferSettleMilliseconds"/> after the transfer request came in:
    /// res_pjsip_refer (Asterisk 22.10, and master as of 2026) publishes ChannelTransfer before it attaches
    /// the state its progress hook writes to, so a report in between dereferences a null pointer in Asterisk.
    /// </summary>
    public static async Task ReportAsync(Call call, string transfererId, string state, CancellationToken cancellationToken)
    {
        var settle = TimeSpan.FromMilliseconds(call.Services.Options.TransferSettleMilliseconds);
        var since = call.Services.Time.GetElapsedTime(call.TransferArrivedAt);
        if (since < settle)
        {
            await Task.Delay(settle - since, call.Services.Time, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await call.Services.Ari.TransferProgressAsync(transfererId, state, cancellationToken).ConfigureAwait(false);
        }
        catch (Ari.Rest.AriException e) when (ChannelGoneErrors.IsChannelGone(e) || e.Status == System.Net.HttpStatusCode.PreconditionFailed)
        {
            TransferLog.ProgressNotReported(call.Services.Logger, call.Id, transfererId, state, e.AsteriskMessage);
        }
    }
}
