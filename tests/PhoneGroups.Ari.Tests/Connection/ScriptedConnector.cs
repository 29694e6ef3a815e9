using System.Net.WebSockets;
using System.Threading.Channels;

namespace PhoneGroups.Ari.Tests.Connection;

/// <summary>
/// Plays Asterisk's side of connecting: each attempt takes the next scripted socket, or, when none is
/// scripted (a null), hangs like a host that drops packets until the attempt is cancelled.
/// </summary>
internal sealed class ScriptedConnector
{
    private readonly Queue<WebSocket?> _script = new();
    private readonly Channel<int> _attempts = Channel.CreateUnbounded<int>();
    private int _count;

    /// <summary>How many attempts were made.</summary>
    public int Attempts => Volatile.Read(ref _count);

    /// <summary>The next attempt accepts <paramref name="socket"/>.</summary>
    public ScriptedConnector Accept(WebSocket socket)
    {
        lock (_script)
        {
            _script.Enqueue(socket);
        }

        return this;
    }

    /// <summary>The next attempt never gets an answer.</summary>
    public ScriptedConnector Hang()
    {
        lock (_script)
        {
            _script.Enqueue(null);
        }

        return this;
    }

    /// <summary>Waits until attempt number <paramref name="attempt"/> (1-based) has started.</summary>
    public async Task AttemptStartedAsync(int attempt)
    {
        while (Attempts < attempt)
        {
            await Bounded.WaitAsync(_attempts.Reader.ReadAsync().AsTask(), $"connect attempt {attempt} never started ({Attempts} made)");
        }
    }

    public async Task<WebSocket> ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        WebSocket? next;
        lock (_script)
        {
            next = _script.Count > 0 ? _script.Dequeue() : null;
        }

        _attempts.Writer.TryWrite(Interlocked.Increment(ref _count));
        if (next is not null)
        {
            return next;
        }

        // As ClientWebSocket.ConnectAsync does when its token is cancelled.
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException("unreachable");
    }
}
