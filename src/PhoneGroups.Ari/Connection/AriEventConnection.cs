using System.Net.WebSockets;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Diagnostics;
using PhoneGroups.Ari.Events;
using Polly;

namespace PhoneGroups.Ari.Connection;

/// <summary>
/// The event WebSocket of one Stasis application, kept connected for as long as it runs. One receive
/// loop reads messages and only queues them: Asterisk drops readers that fall 100 ms behind, so nothing a
/// subscriber does may slow the loop. A second loop publishes the queued events, one at a time and in
/// Asterisk's order, to <see cref="Events"/>. When another connection takes the application
/// (<c>ApplicationReplaced</c>) the state turns <see cref="AriConnectionStatus.Replaced"/> and, after a
/// back-off, a new connection takes it back.
/// </summary>
public sealed partial class AriEventConnection : IAriEventSource, IAsyncDisposable
{
    private readonly AriOptions _options;
    private readonly ILogger<AriEventConnection> _logger;
    private readonly AriSocketConnector _connector;
    private readonly AriEventReceiver _receiver;
    private readonly AriRequestProbe _probe;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _reconnect;
    private readonly Channel<AriEvent> _queue = Channel.CreateUnbounded<AriEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Subject<AriEvent> _events = new();
    private readonly BehaviorSubject<AriConnectionState> _states = new(AriConnectionState.Initial);
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private Task _publishing = Task.CompletedTask;
    private int _connections;
    private WebSocket? _socket;
    private volatile bool _stopping;

    private readonly Lock _stopGate = new();
    private Task? _stopped;
    private int _disposed;

    /// <summary>Creates the connection; <see cref="Start"/> opens it.</summary>
    public AriEventConnection(IOptions<AriOptions> options, ILogger<AriEventConnection> logger, TimeProvider? time = null)
        : this(options, logger, time ?? TimeProvider.System, connect: null)
    {
    }

    /// <summary>For tests: <paramref name="connect"/> opens a WebSocket to the address it is given (a fake one).</summary>
    internal AriEventConnection(IOptions<AriOptions> options, ILogger<AriEventConnection> logger, TimeProvider time, Func<Uri, CancellationToken, Task<WebSocket>>? connect)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _time = time;
        _connector = new AriSocketConnector(_options, time, connect);
        _receiver = new AriEventReceiver(_queue.Writer, Requests, logger);
        _probe = new AriRequestProbe(Requests, _options, time, logger);
        _reconnect = ReconnectPolicy.Create(TimeSpan.FromSeconds(_options.MaxReconnectDelaySeconds), time, (e, attempt, delay) =>
        {
            LogConnectFailed(_logger, e.Message, attempt, delay.TotalMilliseconds);
            return default;
        });
    }

    /// <summary>Every event of the application, in Asterisk's order, across reconnects.</summary>
    public IObservable<AriEvent> Events => _events.AsObservable();

    /// <summary>The connection's state: the current one on subscription, then every change.</summary>
    public IObservable<AriConnectionState> States => _states.AsObservable();

    /// <summary>The current state.</summary>
    public AriConnectionState State => _states.Value;

    /// <summary>Whether REST requests go on this connection's WebSocket now (connected, and Asterisk answered one there).</summary>
    public bool CarriesRequests => Requests.IsReady;

    /// <summary>REST requests on this socket (Asterisk 22.4+); <see cref="Rest.AriRestClient"/> sends them here when it can.</summary>
    internal AriSocketRequests Requests { get; } = new();

    /// <summary>Starts connecting (and reconnecting) in the background.</summary>
    public void Start()
    {
        _publishing = Task.Run(PublishAsync);
        _receiving = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Closes the socket and stops reconnecting. Events already received are still published.</summary>
    /// <remarks>Safe to call more than once (a host stops, then disposes): later calls wait for the first.</remarks>
    public Task StopAsync()
    {
        lock (_stopGate)
        {
            return _stopped ??= StopOnceAsync();
        }
    }

    private async Task StopOnceAsync()
    {
        // Say goodbye properly, so Asterisk logs a closed connection rather than an abrupt one.
        _stopping = true;
        var socket = Volatile.Read(ref _socket);
        if (socket is { State: WebSocketState.Open })
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "stopping", timeout.Token).ConfigureAwait(false);
                await _receiving.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
            {
                // closing abruptly below
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _receiving.ConfigureAwait(false);
        _queue.Writer.TryComplete();
        await _publishing.ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Idempotent: the container disposes it once per registration it was resolved through.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        _events.OnCompleted();
        _states.OnCompleted();
        _events.Dispose();
        _states.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var takeBack = new ConnectionBackoff(TimeSpan.FromSeconds(_options.TakeBackDelaySeconds), TimeSpan.FromSeconds(_options.TakeBackMaxDelaySeconds));
        var drops = new ConnectionBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(_options.MaxReconnectDelaySeconds));
        while (!stop.IsCancellationRequested && !_stopping)
        {
            WebSocket? socket = null;
            try
            {
                // One pipeline run per outage: failed attempts back off within it.
                socket = await _reconnect.ExecuteAsync(_connector.ConnectAsync, stop).ConfigureAwait(false);
                Volatile.Write(ref _socket, socket);
                Requests.Attach(socket);
                var connectedAt = _time.GetTimestamp();
                var connections = Interlocked.Increment(ref _connections);
                LogConnected(_logger, _options.App, _options.Url, connections);
                if (connections > 1)
                {
                    AriMetrics.Reconnected();
                }

                _states.OnNext(new AriConnectionState(AriConnectionStatus.Connected, string.Empty, connections));
                if (_options.RestTransport == AriRestTransport.WebSocket)
                {
                    _ = _probe.ProbeAsync(socket, stop);
                }
                (bool Replaced, string Reason) end;
                try
                {
                    end = await _receiver.ReceiveAsync(socket, stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is WebSocketException or IOException)
                {
                    end = (false, e.Message);
                }

                var held = _time.GetElapsedTime(connectedAt);
                Volatile.Write(ref _socket, null);
                Requests.Detach(end.Reason);
                await AriSocketConnector.CloseQuietlyAsync(socket).ConfigureAwait(false);
                socket = null;
                if (end.Replaced)
                {
                    // Asterisk keeps a replaced socket open but sends nothing on it again, not even once
                    // the other connection leaves: only a new connection gets the application back.
                    // Closing this one does not disturb the other (Asterisk already took the app off it).
                    var delay = takeBack.Next(held);
                    Replaced(delay);
                    await Task.Delay(delay, _time, stop).ConfigureAwait(false);
                }
                else if (!_stopping)
                {
                    Disconnected(end.Reason);
                    // A good connection (it held a while) resets the back-off: the next attempt is at
                    // once. One dropped right after it was made waits, so a peer that accepts and then
                    // closes cannot spin us in a tight loop.
                    if (held >= drops.GoodAfter)
                    {
                        drops.Reset();
                    }
                    else
                    {
                        await Task.Delay(drops.Next(held), _time, stop).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // whatever went wrong, this loop is the controller's only way to Asterisk: it goes on
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogLoopFailed(_logger, _options.App, e);
                Disconnected(e.Message);
                await Task.Delay(drops.Next(TimeSpan.Zero), _time, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                if (socket is not null)
                {
                    Volatile.Write(ref _socket, null);
                    Requests.Detach("the connection failed");
                    await AriSocketConnector.CloseQuietlyAsync(socket).ConfigureAwait(false);
                }
            }
        }

        if (_states.Value.Status != AriConnectionStatus.Disconnected || _stopping)
        {
            Disconnected("stopped");
        }
    }

    private void Disconnected(string reason)
    {
        LogDisconnected(_logger, _options.App, reason);
        _states.OnNext(new AriConnectionState(AriConnectionStatus.Disconnected, reason, _connections));
    }

    private void Replaced(TimeSpan takeBackIn)
    {
        LogReplaced(_logger, _options.App, takeBackIn.TotalSeconds);
        AriMetrics.Replaced();
        var reason = $"another connection took application {_options.App} (two controllers on one application?); taking it back in {takeBackIn.TotalSeconds:0.0} s";
        _states.OnNext(new AriConnectionState(AriConnectionStatus.Replaced, reason, _connections));
    }

    /// <summary>The address of the application's events WebSocket.</summary>
    internal Uri EventsUri() => _connector.EventsUri();

    private async Task PublishAsync()
    {
        await foreach (var ariEvent in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                _events.OnNext(ariEvent);
            }
#pragma warning disable CA1031 // a subscriber's failure must not stop the events of every other call
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSubscriberFailed(_logger, ariEvent.Type, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ARI connected: application {App} at {Url} (connection {Connections})")]
    private static partial void LogConnected(ILogger logger, string app, string url, int connections);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ARI disconnected: application {App}: {Reason}; reconnecting")]
    private static partial void LogDisconnected(ILogger logger, string app, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "ARI application {App} was taken over by another connection: two controllers (or another ARI client) use one Stasis application, and calls now go to the other one. Taking it back in {DelaySeconds:0.0} s; stop the other one or give it its own Ari:App")]
    private static partial void LogReplaced(ILogger logger, string app, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "ARI event connection of application {App} failed unexpectedly; reconnecting")]
    private static partial void LogLoopFailed(ILogger logger, string app, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ARI connect failed: {Reason}; attempt {Attempt}, next in {DelayMs:0} ms")]
    private static partial void LogConnectFailed(ILogger logger, string reason, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscriber failed on a {EventType} event; the event stream goes on")]
    private static partial void LogSubscriberFailed(ILogger logger, string eventType, Exception exception);
}
