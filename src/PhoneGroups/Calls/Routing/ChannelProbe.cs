using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>
/// What Asterisk said when asked whether it still has a channel: it has (neither flag); it has not
/// (<see cref="IsGone"/>); or it did not answer well (<see cref="Failure"/>), so nobody knows.
/// </summary>
internal readonly record struct ChannelProbe(bool IsGone, AriException? Failure)
{
    /// <summary>Asks Asterisk about <paramref name="channelId"/>; only a cancellation throws.</summary>
    public static async Task<ChannelProbe> AskAsync(IAriClient ari, string channelId, CancellationToken cancellationToken = default)
    {
        try
        {
            await ari.GetChannelAsync(channelId, cancellationToken).ConfigureAwait(false);
            return default;
        }
        catch (AriNotFoundException)
        {
            return new ChannelProbe(IsGone: true, Failure: null);
        }
        catch (AriException e)
        {
            return new ChannelProbe(IsGone: false, Failure: e);
        }
    }
}
