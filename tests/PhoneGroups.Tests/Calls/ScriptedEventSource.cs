using System.Reactive.Linq;
using System.Reactive.Subjects;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;

namespace PhoneGroups.Tests.Calls;

/// <summary>An ARI event stream the test writes: what Asterisk would send, one event at a time.</summary>
internal sealed class ScriptedEventSource : IAriEventSource
{
    private readonly Subject<AriEvent> _events = new();
    private readonly BehaviorSubject<AriConnectionState> _states = new(new AriConnectionState(AriConnectionStatus.Connected, string.Empty, 1));
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IObservable<AriEvent> Events => _events.AsObservable();

    public IObservable<AriConnectionState> States => _states.AsObservable();

    /// <summary>Completes when the controller started the connection (after it subscribed to the events).</summary>
    public Task Started => _started.Task;

    public void Start() => _started.TrySetResult();

    public Task StopAsync()
    {
        Stopped = true;
        return Task.CompletedTask;
    }

    /// <summary>Whether the controller closed the connection.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The event stream itself fails (nothing Asterisk sends does that: the last line of defence).</summary>
    public void Fail(Exception error) => _events.OnError(error);

    public void Send(AriEvent ariEvent) => _events.OnNext(ariEvent);

    /// <summary>The connection was lost and made again.</summary>
    public void Reconnected()
    {
        var connections = _states.Value.Connections + 1;
        _states.OnNext(new AriConnectionState(AriConnectionStatus.Disconnected, "test", connections - 1));
        _states.OnNext(new AriConnectionState(AriConnectionStatus.Connected, string.Empty, connections));
    }

    /// <summary>A phone's call entering the application, as the dialplan's Stasis(phonegroups,dialed) sends it.</summary>
    public void CallEnters(string channelId, string caller, string dialed) => Send(new StasisStart
    {
        Type = nameof(StasisStart),
        Application = CallPipelineTests.App,
        Channel = new Channel { Id = channelId, Name = $"Local/{dialed}@phonegroups-test-0001;2", ChannelVars = new() { ["PHONEGROUPS_CALLER"] = caller } },
        Args = [dialed],
    });

    /// <summary>A leg the controller created entering the application.</summary>
    public void LegEnters(string channelId) => Send(new StasisStart
    {
        Type = nameof(StasisStart),
        Application = CallPipelineTests.App,
        Channel = new Channel { Id = channelId, Name = "PJSIP/2002-00000001" },
    });

    /// <summary>
    /// A channel leaving the application. Asterisk sends nothing more about it unless the application subscribed
    /// to it (a leg it created, a caller given as some leg's originator).
    /// </summary>
    public void Left(string channelId) => Send(new StasisEnd
    {
        Type = nameof(StasisEnd),
        Application = CallPipelineTests.App,
        Channel = new Channel { Id = channelId },
    });

    public void Destroyed(string channelId, int cause = 16) => Send(new ChannelDestroyed
    {
        Type = nameof(ChannelDestroyed),
        Application = CallPipelineTests.App,
        Channel = new Channel { Id = channelId },
        Cause = cause,
    });
}
