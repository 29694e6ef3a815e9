using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PhoneGroups.Ari.Tests.Rest;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 that counts the TCP connections it accepts and holds every response
/// until <see cref="Release"/>, then answers each request with 200 <c>{}</c> and keeps the connection alive.
/// </summary>
internal sealed class HeldResponsesServer : IAsyncDisposable
{
    private static readonly byte[] Response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstAccepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _accepting;
    private readonly List<TcpClient> _clients = [];
    private int _accepted;

    public HeldResponsesServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>TCP connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Completes once the first connection is accepted.</summary>
    public Task FirstAccepted => _firstAccepted.Task;

    public void Release() => _released.TrySetResult();

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                lock (_clients)
                {
                    _clients.Add(client);
                }

                _firstAccepted.TrySetResult();
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var pending = new StringBuilder();
            while (!_stop.IsCancellationRequested)
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                int end;
                while ((end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                {
                    pending.Remove(0, end + 4); // requests without a body (GET)
                    await _released.Task.WaitAsync(_stop.Token);
                    await stream.WriteAsync(Response, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // the client or the test went away
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }
}
