using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PhoneGroups.IntegrationTests.Infrastructure;

/// <summary>
/// A bare ARI event WebSocket, as another controller or a debugging tool (wscat) would open it: no
/// reconnects, no parsing beyond the event type. It records every message it receives.
/// </summary>
public sealed class RawEventSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly List<string> _types = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;

    private RawEventSocket()
    {
    }

    /// <summary>Event types received so far, in order.</summary>
    public IReadOnlyList<string> Types
    {
        get
        {
            lock (_types)
            {
                return [.. _types];
            }
        }
    }

    public static async Task<RawEventSocket> ConnectAsync(string app)
    {
        var raw = new RawEventSocket();
        raw._socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("phonegroups:phonegroups")));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await raw._socket.ConnectAsync(new Uri($"ws://127.0.0.1:8088/ari/events?app={Uri.EscapeDataString(app)}"), timeout.Token);
        raw._receiving = raw.ReceiveAsync();
        return raw;
    }

    /// <summary>Waits (bounded) until an event of <paramref name="type"/> arrived.</summary>
    public async Task WaitForAsync(string type, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Types.Contains(type))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"no {type} within {timeout.TotalSeconds:0} s; received: {string.Join(", ", Types)}");
            }
        }
    }

    /// <summary>
    /// Leaves: sends the close frame and lets the receive loop read Asterisk's answer (CloseAsync would
    /// receive beside that loop, and two readers of one socket tear each other's messages).
    /// </summary>
    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "leaving", timeout.Token);
            try
            {
                await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                // Asterisk did not answer the close: DisposeAsync cancels the loop
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // going away either way
        }

        await _stop.CancelAsync();
        try
        {
            await _receiving;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // stopped
        }

        _socket.Dispose();
        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, _stop.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var type = TypeOf(message.ToArray());
            message.SetLength(0);
            lock (_types)
            {
                _types.Add(type);
            }

            _arrived.Release();
        }
    }

    /// <summary>The event's type; a message that is not an event object is recorded as "?" (the test sees it).</summary>
    private static string TypeOf(byte[] message)
    {
        try
        {
            using var json = JsonDocument.Parse(message);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("type", out var type)
                ? type.GetString() ?? "?"
                : "?";
        }
        catch (JsonException)
        {
            return "?";
        }
    }
}
