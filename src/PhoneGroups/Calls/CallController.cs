using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Configuration;
using PhoneGroups.Observability;
using PhoneGroups.Policy;

namespace PhoneGroups.Calls;

/// <summary>
/// The running controller. ARI events are grouped per call (a group ends when its call ends, so memory
/// does not grow with the calls handled), each call's events are handled strictly one after the other,
/// and calls run in parallel. A call that fails is hung up and logged; the stream goes on.
/// </summary>
internal sealed partial class CallController : IHostedService, IAsyncDisposable
{
    private readonly IAriEventSource _connection;
    private readonly IAriClient _ari;
    private readonly CallOptions _options;
    private readonly string _app;
    private readonly TimeProvider _time;
    private readonly ILogger<CallController> _logger;
    private readonly PipelineHealth _pipeline;
    private readonly CallRouter _router = new();
    private readonly ISubject<AriEvent> _redispatch = Subject.Synchronize(new Subject<AriEvent>());
    private readonly CallServices _services;
    private readonly List<IDisposable> _subscriptions = [];
    private volatile bool _accepting = true;

    public CallController(
        IAriEventSource connection,
        IAriClient ari,
        IOptions<AriOptions> ariOptions,
        IOptions<CallOptions> callOptions,
        PolicyStore policies,
        TimeProvider time,
        ControllerMetrics metrics,
        PipelineHealth pipeline,
        ILogger<CallController> logger)
    {
        _connection = connection;
        _ari = ari;
        _options = callOptions.Value;
        _app = ariOptions.Value.App;
        _time = time;
        _logger = logger;
        _pipeline = pipeline;
        _services = new CallServices(ari, _app, _options, policies, _router, new RingingCalls(), new PromptCatalog(ari, time), logger, metrics, _redispatch.OnNext);
        metrics.ObserveActiveCalls(() => _router.Sessions.Count);
    }

    /// <summary>The calls in progress.</summary>
    internal int ActiveCalls => _router.Sessions.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(_connection.Events.Merge(_redispatch)
            .Select(e => (Session: SessionFor(e), Event: e))
            .Where(x => x.Session is not null)
            .GroupByUntil(x => x.Session!, x => x.Event, group => group.Key.Completed)
            .SelectMany(call => call.Select(e => Observable.FromAsync(ct => call.Key.HandleSafelyAsync(e, ct))).Concat())
            .Subscribe(_ => { }, PipelineStopped));

        // After a reconnect, events of the outage are lost: ask Asterisk which of our channels still exist.
        _subscriptions.Add(_connection.States
            .Where(state => state.IsReconnect)
            .Select(_ => Observable.FromAsync(ReconcileAsync))
            .Concat()
            .Subscribe(_ => { }, PipelineStopped));

        _connection.Start();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops taking calls (new ones go to the dialplan's fallback), waits a while for calls being set
    /// up, then disconnects. Bridged calls stay up in Asterisk.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _accepting = false;
        var deadline = _time.GetUtcNow().AddSeconds(_options.ShutdownTimeoutSeconds);
        while (_router.Sessions.Any(s => s.IsSettingUp) && _time.GetUtcNow() < deadline && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), _time, CancellationToken.None).ConfigureAwait(false);
        }

        LogStopping(_logger, _router.Sessions.Count(s => s.Phase == CallPhase.Bridged), _router.Sessions.Count(s => s.IsSettingUp));
        await _connection.StopAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The call an event belongs to; a new call for a channel entering the application.</summary>
    private CallSession? SessionFor(AriEvent ariEvent)
    {
        var owner = _router.OwnerOf(ariEvent);
        if (owner is not null || ariEvent is not StasisStart start || start.Application != _app)
        {
            return owner;
        }

        if (!_accepting)
        {
            _ = SendToFallbackAsync(start);
            return null;
        }

        var session = new CallSession(start.Channel.Id, _services, _time.GetUtcNow());
        _router.Add(session);
        return session;
    }

    /// <summary>While stopping, a new call gets what it gets when the controller is down.</summary>
    private async Task SendToFallbackAsync(StasisStart start)
    {
        try
        {
            var dialed = start.Args.Count > 0 ? start.Args[0] : "s";
            await _ari.ContinueAsync(start.Channel.Id, "controller-down", dialed, 1).ConfigureAwait(false);
        }
        catch (AriException e)
        {
            LogFallbackFailed(_logger, start.Channel.Id, e.Message);
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        foreach (var session in _router.Sessions.ToList())
        {
            foreach (var channel in session.Channels)
            {
                try
                {
                    await _ari.GetChannelAsync(channel, cancellationToken).ConfigureAwait(false);
                }
                catch (AriNotFoundException)
                {
                    _redispatch.OnNext(CallSession.LostChannel(channel));
                }
                catch (AriException e)
                {
                    LogFallbackFailed(_logger, channel, e.Message);
                }
            }
        }
    }

    private void PipelineStopped(Exception exception)
    {
        _pipeline.Stopped(exception);
        LogPipelineStopped(_logger, exception);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The call pipeline stopped; no more calls are handled (readiness reports it)")]
    private static partial void LogPipelineStopped(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Bridged} bridged calls stay up in Asterisk, {SettingUp} calls were still being set up")]
    private static partial void LogStopping(ILogger logger, int bridged, int settingUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId}: {Error}")]
    private static partial void LogFallbackFailed(ILogger logger, string channelId, string error);
}
