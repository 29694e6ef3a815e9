using Microsoft.Extensions.Logging;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>
/// The event types Asterisk sends the application that no call reads: of about 27 events per bridged call, 8
/// <c>ChannelVarset</c>, 2 <c>ChannelConnectedLine</c> and 1 <c>ChannelDialplan</c> (docs/benchmarks.md). Filtered
/// out in Asterisk at every connection (the filter lives as long as the application does), so Asterisk does not
/// write them and the controller does not parse them. Asterisk refusing the filter costs only that saving.
/// </summary>
internal static partial class UnusedEvents
{
    public static readonly IReadOnlyList<string> Types = ["ChannelVarset", "ChannelConnectedLine", "ChannelDialplan"];

    public static async Task FilterOutAsync(IAriClient ari, string app, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await ari.SetEventFilterAsync(app, Types, cancellationToken).ConfigureAwait(false);
        }
        catch (AriException e)
        {
            LogNotFiltered(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asterisk did not take the event filter ({Error}); it keeps sending events no call reads")]
    private static partial void LogNotFiltered(ILogger logger, string error);
}
