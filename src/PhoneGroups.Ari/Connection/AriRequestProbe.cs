using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using PhoneGroups.Ari.Configuration;

namespace PhoneGroups.Ari.Connection;

/// <summary>
/// Finds out whether Asterisk answers REST requests on a new events WebSocket (22.4+): until it has,
/// <paramref name="requests"/> are not ready and requests go over HTTP.
/// </summary>
internal sealed partial class AriRequestProbe(AriSocketRequests requests, AriOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// Asks Asterisk on the new socket whether it answers REST requests there (22.4+): until it has, requests
    /// go over HTTP; if it never does (an older Asterisk ignores the message), they stay on HTTP.
    /// </summary>
    public async Task ProbeAsync(WebSocket socket, CancellationToken stop)
    {
        var limit = TimeSpan.FromSeconds(Math.Min(options.RequestTimeoutSeconds, ProbeTimeoutSeconds));
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            var answer = await requests.SendAsync("GET", "asterisk/ping", null, linked.Token, socket).ConfigureAwait(false);
            if ((int)answer.Status is >= 200 and < 300)
            {
                requests.Answered(socket);
                LogRequestsOnSocket(logger, options.App);
                return;
            }

            LogRequestsRefused(logger, (int)answer.Status);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            LogRequestsUnanswered(logger, limit.TotalSeconds);
        }
#pragma warning disable CA1031 // nobody awaits the probe: whatever it meets, REST stays on HTTP for this socket
        catch (Exception)
#pragma warning restore CA1031
        {
            // the socket went while asking: the next connection asks again
        }
    }

    // Asterisk answers a ping in well under a millisecond; an older one never answers at all.
    private const int ProbeTimeoutSeconds = 5;

    [LoggerMessage(Level = LogLevel.Information, Message = "ARI REST requests of application {App} go over the events WebSocket")]
    private static partial void LogRequestsOnSocket(ILogger logger, string app);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asterisk did not answer a REST request on the events WebSocket within {Seconds:0} s (it needs Asterisk 22.4 or later); REST requests go over HTTP. Set Ari:RestTransport to Http to stop asking")]
    private static partial void LogRequestsUnanswered(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asterisk refused a REST request on the events WebSocket (status {Status}); REST requests go over HTTP")]
    private static partial void LogRequestsRefused(ILogger logger, int status);
}
