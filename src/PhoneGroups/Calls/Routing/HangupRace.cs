namespace PhoneGroups.Calls;

/// <summary>
/// Asterisk refuses to act on a channel being hung up with a plain 500 ("Failed to answer channel"):
/// whether a party of the call is gone by now tells such a hang-up race from a real failure.
/// </summary>
internal static class HangupRace
{
    // A channel being hung up may still be listed for a moment after Asterisk refused to act on it.
    private static readonly TimeSpan HangupGrace = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Whether Asterisk no longer has one of <paramref name="call"/>'s channels, asked after a refusal: at once,
    /// and again after <see cref="HangupGrace"/>. Only failed calls pay for it.
    /// </summary>
    public static async Task<bool> APartyIsGoneAsync(Call call)
    {
        if (await APartyIsGoneNowAsync(call).ConfigureAwait(false) is { } now)
        {
            if (now)
            {
                return true;
            }

            await Task.Delay(HangupGrace, call.Services.Time).ConfigureAwait(false);
            return await APartyIsGoneNowAsync(call).ConfigureAwait(false) == true;
        }

        return false;
    }

    /// <summary>True when a channel is gone, false when all are there, null when Asterisk did not answer well.</summary>
    private static async Task<bool?> APartyIsGoneNowAsync(Call call)
    {
        foreach (var channel in call.Channels.Existing)
        {
            var probe = await ChannelProbe.AskAsync(call.Services.Ari, channel).ConfigureAwait(false);
            if (probe.IsGone)
            {
                return true;
            }

            if (probe.Failure is not null)
            {
                return null; // Asterisk is not answering well: that is a failure worth an error line
            }
        }

        return false;
    }
}
