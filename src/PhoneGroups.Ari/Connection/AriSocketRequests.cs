using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace PhoneGroups.Ari.Connection;

/// <summary>
/// REST requests sent on the events WebSocket (Asterisk 22.4+): a <c>RESTRequest</c> message goes out, the
/// <c>RESTResponse</c> with the same <c>request_id</c> comes back among the events. The receive loop only
/// hands a response over (<see cref="TryComplete"/>, no waiting, continuations run elsewhere); requests wait
/// on their own threads, bounded by their own timeout, and all fail at once when the socket goes.
/// </summary>
internal sealed class AriSocketRequests
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AriSocketResponse>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sending = new(1, 1); // a WebSocket takes one send at a time
    private readonly Lock _gate = new();
    private WebSocket? _socket;
    private bool _answers; // Asterisk answered a request on this socket
    private long _nextId;
    private int _taken;

    /// <summary>Whether requests can go on the socket now: it is open and Asterisk has answered one there.</summary>
    public bool IsReady
    {
        get
        {
            lock (_gate)
            {
                return _socket is { State: WebSocketState.Open } && _answers;
            }
        }
    }

    /// <summary>Requests waiting for their answer (for tests and diagnostics).</summary>
    public int Pending => _pending.Count;

    /// <summary>
    /// Takes the socket for one request if no other request of the client is on it. Asterisk handles the
    /// requests of one socket one after the other, each waiting for its channel's thread: a second request
    /// would wait behind the first, where over HTTP (a pool of connections) it runs beside it. So the socket
    /// carries one request at a time and the others go over HTTP. <see cref="Return"/> gives it back.
    /// </summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _taken, 1, 0) == 0;

    /// <summary>The request that took the socket (<see cref="TryTake"/>) has its answer.</summary>
    public void Return() => Volatile.Write(ref _taken, 0);

    /// <summary>A new socket is connected; requests may be sent on it, but go elsewhere until <see cref="Answered"/>.</summary>
    public void Attach(WebSocket socket)
    {
        lock (_gate)
        {
            _socket = socket;
            _answers = false;
        }
    }

    /// <summary>Asterisk answers requests on <paramref name="socket"/> (its first answer came back).</summary>
    public void Answered(WebSocket socket)
    {
        lock (_gate)
        {
            _answers = ReferenceEquals(_socket, socket);
        }
    }

    /// <summary>The socket is gone: every request waiting on it fails now, not at its timeout.</summary>
    public void Detach(string reason)
    {
        lock (_gate)
        {
            _socket = null;
            _answers = false;
        }

        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var waiting))
            {
                waiting.TrySetException(new IOException($"the events WebSocket closed before Asterisk answered ({reason})"));
            }
        }
    }

    /// <summary>
    /// Sends one request on <paramref name="socket"/> (or the attached one) and waits for its answer until
    /// <paramref name="cancellationToken"/> ends (the caller puts its timeout in it). Throws
    /// <see cref="IOException"/> when there is no socket or it closes first.
    /// </summary>
    public async Task<AriSocketResponse> SendAsync(string method, string path, string? jsonBody, CancellationToken cancellationToken, WebSocket? socket = null)
    {
        lock (_gate)
        {
            socket ??= _socket;
        }

        if (socket is null)
        {
            throw new IOException("the events WebSocket is not connected");
        }

        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var answer = new TaskCompletionSource<AriSocketResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            var message = AriSocketMessages.Request(id, method, path, jsonBody);
            await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                throw new IOException($"the events WebSocket refused the request ({e.Message})", e);
            }
            finally
            {
                _sending.Release();
            }

            return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Called by the receive loop with a RESTResponse it read: completes the request it answers. False when it
    /// answers nothing waiting (timed out already).
    /// </summary>
    public bool TryComplete(AriSocketResponse response) =>
        _pending.TryRemove(response.RequestId, out var waiting) && waiting.TrySetResult(response);
}
