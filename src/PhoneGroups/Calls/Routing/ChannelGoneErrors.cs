using System.Net;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>
/// ARI refusals that mean a channel left while the controller was acting on it (the caller hung up while
/// the bridge was being made): an ordinary end of a call, not a failure.
/// </summary>
internal static class ChannelGoneErrors
{
    public static bool IsChannelGone(AriException error) => error.Status switch
    {
        HttpStatusCode.NotFound => true,
        HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity =>
            error.AsteriskMessage.Contains("not found", StringComparison.OrdinalIgnoreCase)
            || error.AsteriskMessage.Contains("not in Stasis", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
