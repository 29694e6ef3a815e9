using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace PhoneGroups.Ari.Tests.Connection;

/// <summary>An accepted event WebSocket whose server side the test plays: it sends messages and closes.</summary>
internal sealed class ScriptedWebSocket : WebSocket
{
    private readonly Channel<byte[]?> _incoming = Channel.CreateUnbounded<byte[]?>();
    private readonly TaskCompletionSource _closedByClient = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<string> _sent = Channel.CreateUnbounded<string>();
    private readonly ArrayBufferWriter<byte> _sending = new();
    private byte[]? _current;
    private int _offset;
    private WebSocketState _state = WebSocketState.Open;
    private WebSocketCloseStatus? _closeStatus;

    public override WebSocketCloseStatus? CloseStatus => _closeStatus;

    public override string? CloseStatusDescription => null;

    public override WebSocketState State => _state;

    public override string? SubProtocol => null;

    /// <summary>Completes when the client closed or dropped the socket.</summary>
    public Task ClosedByClient => _closedByClient.Task;

    /// <summary>The server sends one text message.</summary>
    public void Send(string json) => _incoming.Writer.TryWrite(Encoding.UTF8.GetBytes(json));

    /// <summary>The server closes the connection.</summary>
    public void CloseFromServer() => _incoming.Writer.TryWrite(null);

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        if (_current is null)
        {
            _current = await _incoming.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            _offset = 0;
            if (_current is null)
            {
                _closeStatus = WebSocketCloseStatus.NormalClosure;
                _state = WebSocketState.CloseReceived;
                return new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, WebSocketCloseStatus.NormalClosure, null);
            }
        }

        var count = Math.Min(buffer.Count, _current.Length - _offset);
        _current.AsSpan(_offset, count).CopyTo(buffer.AsSpan());
        _offset += count;
        var end = _offset == _current.Length;
        if (end)
        {
            _current = null;
        }

        return new WebSocketReceiveResult(count, WebSocketMessageType.Text, end);
    }

    /// <summary>The next message the client sent (a REST request), waiting for one if needed.</summary>
    public Task<string> SentAsync() => Bounded.WaitAsync(_sent.Reader.ReadAsync().AsTask(), "the client sent nothing on the socket");

    /// <summary>Whether the client sent a message not read yet by <see cref="SentAsync"/>.</summary>
    public bool HasUnreadSent => _sent.Reader.Count > 0;

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        if (_state != WebSocketState.Open)
        {
            throw new WebSocketException(WebSocketError.InvalidState, "the socket is closed");
        }

        _sending.Write(buffer.AsSpan());
        if (endOfMessage)
        {
            _sent.Writer.TryWrite(Encoding.UTF8.GetString(_sending.WrittenSpan));
            _sending.ResetWrittenCount();
        }

        return Task.CompletedTask;
    }

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        Closed(WebSocketState.Closed);
        return Task.CompletedTask;
    }

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        // Like Asterisk, the server answers a close with its own.
        CloseFromServer();
        _state = WebSocketState.CloseSent;
        _closedByClient.TrySetResult();
        return Task.CompletedTask;
    }

    public override void Abort() => Closed(WebSocketState.Aborted);

    public override void Dispose() => Closed(_state == WebSocketState.Open ? WebSocketState.Aborted : WebSocketState.Closed);

    private void Closed(WebSocketState state)
    {
        _state = state;
        _incoming.Writer.TryWrite(null);
        _closedByClient.TrySetResult();
    }
}
