using System.Net.WebSockets;
using System.Text;
using PhoneGroups.Ari.Configuration;

namespace PhoneGroups.Ari.Connection;

/// <summary>
/// Opens and closes the events WebSocket of one application: its address, a handshake bounded by the
/// request timeout, and a new <see cref="ClientWebSocket"/> for every attempt.
/// </summary>
/// <remarks>Tests pass <c>connect</c>, which opens a (fake) WebSocket to the address it is given.</remarks>
internal sealed class AriSocketConnector
{
    private readonly AriOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<Uri, CancellationToken, Task<WebSocket>> _connect;

    public AriSocketConnector(AriOptions options, TimeProvider time, Func<Uri, CancellationToken, Task<WebSocket>>? connect)
    {
        _options = options;
        _time = time;
        _connect = connect ?? ConnectClientAsync;
    }

    /// <summary>One connection attempt: a failed or silent handshake throws (a timeout after the request timeout).</summary>
    public async ValueTask<WebSocket> ConnectAsync(CancellationToken stop)
    {
        var uri = EventsUri();
        var limit = TimeSpan.FromSeconds(_options.RequestTimeoutSeconds);
        using var timeout = new CancellationTokenSource(limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            return await _connect(uri, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // A host that drops packets: ConnectAsync gives up with a cancellation, which is a failed
            // attempt like any other, not a stop.
            throw new TimeoutException($"no WebSocket handshake from {uri.Authority} within {limit.TotalSeconds:0} s");
        }
    }

    private async Task<WebSocket> ConnectClientAsync(Uri uri, CancellationToken cancellationToken)
    {
        // A ClientWebSocket that failed cannot be used again: every attempt gets a new one.
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(5);
            socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(10);
            socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.User}:{_options.Password}")));
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The address of the application's events WebSocket.</summary>
    public Uri EventsUri()
    {
        var baseUri = _options.BaseAddress;
        var scheme = baseUri.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return new Uri($"{scheme}://{baseUri.Authority}{baseUri.AbsolutePath}events?app={Uri.EscapeDataString(_options.App)}&subscribeAll={(_options.SubscribeAll ? "true" : "false")}");
    }

    /// <summary>Closes <paramref name="socket"/> politely if it is open, and disposes it whatever happens.</summary>
    public static async Task CloseQuietlyAsync(WebSocket socket)
    {
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "stopping", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // the socket is going away either way
        }
        finally
        {
            socket.Dispose();
        }
    }
}
