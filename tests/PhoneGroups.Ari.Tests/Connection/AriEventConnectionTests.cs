using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Events;

namespace PhoneGroups.Ari.Tests.Connection;

/// <summary>The event connection's reconnect and take-back logic, on fake sockets and fake time.</summary>
public sealed class AriEventConnectionTests
{
    private const string Replaced = """{"type":"ApplicationReplaced","application":"phonegroups"}""";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly WatchedTimeProvider _time = new();
    private readonly ScriptedConnector _connector = new();
    private readonly ListLogger<AriEventConnection> _logger = new();

    [Fact]
    public async Task Connect_TimesOutThenSucceeds_ReconnectingGoesOn()
    {
        var socket = new ScriptedWebSocket();
        _connector.Hang().Accept(socket);
        await using var sut = CreateSut();

        sut.Start();
        await _connector.AttemptStartedAsync(1);
        Assert.Equal(ConnectTimeout, await _time.AdvanceToNextTimerAsync("the connect timeout"));
        await _time.AdvanceToNextTimerAsync("a retry delay after the timed-out connect");
        await _connector.AttemptStartedAsync(2);

        var connected = await StateAsync(sut, s => s.IsConnected, "connected after the timeout");
        Assert.Equal(1, connected.Connections);
        Assert.Contains(_logger.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("no WebSocket handshake from 127.0.0.1:8088 within 10 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_TimesOutAgainAndAgain_RetriesWithDelaysCappedAtTheMaximum()
    {
        for (var i = 0; i < 12; i++)
        {
            _connector.Hang();
        }

        _connector.Accept(new ScriptedWebSocket());
        await using var sut = CreateSut();

        sut.Start();
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            await _connector.AttemptStartedAsync(attempt);
            Assert.Equal(ConnectTimeout, await _time.AdvanceToNextTimerAsync($"the timeout of attempt {attempt}"));
            var delay = await _time.AdvanceToNextTimerAsync($"the delay after attempt {attempt}");
            Assert.InRange(delay, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(5));
        }

        await StateAsync(sut, s => s.IsConnected, "connected after 12 timeouts");
    }

    [Fact]
    public async Task ConnectionLost_AfterAGoodConnection_FirstAttemptIsImmediate()
    {
        var first = new ScriptedWebSocket();
        _connector.Hang().Hang().Hang().Accept(first).Accept(new ScriptedWebSocket());
        await using var sut = CreateSut();
        sut.Start();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await _connector.AttemptStartedAsync(attempt);
            await _time.AdvanceToNextTimerAsync("the connect timeout");
            await _time.AdvanceToNextTimerAsync("the retry delay");
        }

        await StateAsync(sut, s => s.IsConnected, "connected");
        _time.Advance(TimeSpan.FromSeconds(15)); // a good connection: it held
        first.CloseFromServer();

        // No more time passes: the back-off of the earlier outage is forgotten.
        await _connector.AttemptStartedAsync(5);
        var back = await StateAsync(sut, s => s.IsConnected && s.Connections == 2, "connected again");
        Assert.True(back.IsReconnect);
    }

    [Fact]
    public async Task ConnectionDroppedRightAfterConnecting_WaitsBeforeConnectingAgain_LongerEachTime()
    {
        var sockets = Enumerable.Range(0, 6).Select(_ => new ScriptedWebSocket()).ToList();
        sockets.ForEach(s => _connector.Accept(s));
        await using var sut = CreateSut();
        sut.Start();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            await StateAsync(sut, s => s.IsConnected && s.Connections == i + 1, $"connection {i + 1}");
            sockets[i].CloseFromServer();
            await StateAsync(sut, s => !s.IsConnected, $"connection {i + 1} lost");
            var wait = await _time.NextTimerAsync($"the wait after drop {i + 1}");
            Assert.Equal(i + 1, _connector.Attempts);
            waits.Add(wait);
            _time.Advance(wait);
        }

        await StateAsync(sut, s => s.IsConnected && s.Connections == 6, "connection 6");
        double[] steps = [0.2, 0.4, 0.8, 1.6, 3.2];
        for (var i = 0; i < steps.Length; i++)
        {
            Assert.InRange(waits[i].TotalSeconds, (steps[i] * 0.8) - 1e-6, steps[i] + 1e-6);
        }
    }

    [Fact]
    public async Task ApplicationReplaced_ReportsReplacedWithTheReason_LogsOneError_AndClosesTheSocket()
    {
        var socket = new ScriptedWebSocket();
        _connector.Accept(socket);
        await using var sut = CreateSut();
        var published = new TaskCompletionSource<AriEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var recording = sut.Events.OfType<ApplicationReplaced>().Subscribe(e => published.TrySetResult(e));
        sut.Start();
        await StateAsync(sut, s => s.IsConnected, "connected");

        socket.Send(Replaced);

        var replaced = await StateAsync(sut, s => s.IsReplaced, "replaced");
        Assert.Equal(AriConnectionStatus.Replaced, replaced.Status);
        Assert.False(replaced.IsConnected);
        Assert.Contains("another connection took application phonegroups", replaced.Reason, StringComparison.Ordinal);
        var error = Assert.Single(_logger.Lines, l => l.Level >= LogLevel.Error);
        Assert.Contains("two controllers", error.Message, StringComparison.Ordinal);
        Assert.Contains("phonegroups", error.Message, StringComparison.Ordinal);
        await Bounded.WaitAsync(socket.ClosedByClient, "the replaced socket was never closed");
        await Bounded.WaitAsync(published.Task, "ApplicationReplaced was not published");
    }

    [Fact]
    public async Task ApplicationReplaced_TakesTheApplicationBackAfterTheDelay_AsAReconnect()
    {
        var first = new ScriptedWebSocket();
        _connector.Accept(first).Accept(new ScriptedWebSocket());
        await using var sut = CreateSut();
        sut.Start();
        await StateAsync(sut, s => s.IsConnected, "connected");

        first.Send(Replaced);
        await StateAsync(sut, s => s.IsReplaced, "replaced");
        var delay = await _time.NextTimerAsync("the take-back delay");
        Assert.InRange(delay, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));
        Assert.Equal(1, _connector.Attempts);

        _time.Advance(delay);

        var back = await StateAsync(sut, s => s.IsConnected, "connected again");
        Assert.Equal(2, back.Connections);
        Assert.True(back.IsReconnect);
    }

    [Fact]
    public async Task ReplacedAgainRightAfterTakingBack_WaitsLongerEachTime_UpToTheMaximum()
    {
        var sockets = Enumerable.Range(0, 6).Select(_ => new ScriptedWebSocket()).ToList();
        sockets.ForEach(s => _connector.Accept(s));
        await using var sut = CreateSut();
        sut.Start();
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            await StateAsync(sut, s => s.IsConnected && s.Connections == i + 1, $"connection {i + 1}");
            sockets[i].Send(Replaced);
            delays.Add(await _time.AdvanceToNextTimerAsync($"take-back delay {i + 1}"));
        }

        await StateAsync(sut, s => s.IsConnected && s.Connections == 6, "connection 6");
        double[] steps = [5, 10, 20, 20, 20];
        for (var i = 0; i < steps.Length; i++)
        {
            Assert.InRange(delays[i].TotalSeconds, (steps[i] * 0.8) - 1e-6, steps[i] + 1e-6);
        }
    }

    [Fact]
    public async Task ReplacedAfterHoldingTheApplicationForLong_StartsAgainFromTheFirstDelay()
    {
        var sockets = Enumerable.Range(0, 4).Select(_ => new ScriptedWebSocket()).ToList();
        sockets.ForEach(s => _connector.Accept(s));
        await using var sut = CreateSut();
        sut.Start();
        for (var i = 0; i < 3; i++)
        {
            await StateAsync(sut, s => s.IsConnected && s.Connections == i + 1, $"connection {i + 1}");
            if (i == 2)
            {
                _time.Advance(TimeSpan.FromSeconds(61));
            }

            sockets[i].Send(Replaced);
            var delay = await _time.AdvanceToNextTimerAsync($"take-back delay {i + 1}");
            if (i == 2)
            {
                Assert.InRange(delay, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));
            }
        }
    }

    [Fact]
    public async Task Stop_WhileReplaced_EndsDisconnected_AndNeverTakesTheApplicationBack()
    {
        var socket = new ScriptedWebSocket();
        _connector.Accept(socket).Accept(new ScriptedWebSocket());
        await using var sut = CreateSut();
        sut.Start();
        await StateAsync(sut, s => s.IsConnected, "connected");
        socket.Send(Replaced);
        await StateAsync(sut, s => s.IsReplaced, "replaced");
        await _time.NextTimerAsync("the take-back delay");

        await sut.StopAsync();
        _time.Advance(TimeSpan.FromMinutes(1));

        var state = await StateAsync(sut, s => true, "a state");
        Assert.Equal(AriConnectionStatus.Disconnected, state.Status);
        Assert.Equal("stopped", state.Reason);
        Assert.Equal(1, _connector.Attempts);
    }

    private AriEventConnection CreateSut()
    {
        // REST stays on HTTP here: these tests are about the connection, and the WebSocket transport's probe would arm a timer of its own.
        var options = new AriOptions { Url = "http://127.0.0.1:8088", User = "phonegroups", Password = "pw", App = "phonegroups", RestTransport = AriRestTransport.Http };
        return new AriEventConnection(Options.Create(options), _logger, _time, _connector.ConnectAsync);
    }

    private static Task<AriConnectionState> StateAsync(AriEventConnection connection, Func<AriConnectionState, bool> predicate, string expected) =>
        Bounded.WaitAsync(connection.States.Where(predicate).FirstAsync().ToTask(), $"never {expected}; the state is {connection.State}");
}
