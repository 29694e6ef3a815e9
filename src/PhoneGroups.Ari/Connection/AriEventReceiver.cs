using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PhoneGroups.Ari.Diagnostics;
using PhoneGroups.Ari.Events;

namespace PhoneGroups.Ari.Connection;

/// <summary>
/// Reads the messages of one events WebSocket and only queues them (to <paramref name="queue"/>): Asterisk
/// drops readers that fall 100 ms behind. Answers to REST requests on the socket go to <paramref name="requests"/>,
/// never to the queue; a message that is no event is logged and skipped.
/// </summary>
internal sealed partial class AriEventReceiver(ChannelWriter<AriEvent> queue, AriSocketRequests requests, ILogger logger)
{
    /// <summary>Reads messages until the socket closes or another connection takes the application; returns which and why.</summary>
    public async Task<(bool Replaced, string Reason)> ReceiveAsync(WebSocket socket, CancellationToken stop)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var message = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), stop).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (false, $"Asterisk closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})".TrimEnd());
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var utf8 = message.WrittenSpan;
                if (AriSocketMessages.TryReadResponse(utf8, out var response))
                {
                    // The answer to a REST request: handed over, never queued as an event (the waiting
                    // request continues on another thread, so this loop does not wait for it).
                    requests.TryComplete(response);
                }
                else if (!AriEventParser.TryParse(utf8, out var ariEvent, out var error))
                {
                    LogMalformed(logger, error ?? "unknown", Encoding.UTF8.GetString(utf8[..Math.Min(utf8.Length, 200)]));
                }
                else if (ariEvent is not UnknownAriEvent { Type: AriSocketMessages.ResponseType }) // (one without its id answers nothing)
                {
                    AriMetrics.EventReceived(ariEvent!.Type, ariEvent.Application);
                    queue.TryWrite(ariEvent);
                    if (ariEvent is ApplicationReplaced)
                    {
                        return (true, "replaced");
                    }
                }

                message.ResetWrittenCount();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ARI message skipped, not an event ({Error}): {Json}")]
    private static partial void LogMalformed(ILogger logger, string error, string json);
}
