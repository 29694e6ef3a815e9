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
/// and calls run in parallel. Nothing one event holds can stop the shared pipeline: an event that cannot
/// be routed is dropped with a warning, and a call that fails is hung up and logged. At start and after
/// every reconnect, <see cref="CallRecovery"/> takes charge of what Asterisk holds for the application.
/// </summary>
internal sealed partial class CallController : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan ShutdownSignalGrace = TimeSpan.FromSeconds(2);

    private readonly IAriEventSource _connection;
    private readonly IAriClient _ari;
    private readonly CallOptions _options;
    private readonly string _app;
    private readonly TimeProvider _time;
    private readonly ILogger<CallController> _logger;
    private readonly PipelineHealth _pipeline;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly CallRouter _router = new();
    private readonly ISubject<AriEvent> _redispatch = Subject.Synchronize(new Subject<AriEvent>());
    private readonly CallServices _services;
    private readonly CallRecovery _recovery;
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
        ILogger<CallController> logger,
        IHostApplicationLifetime? lifetime = null,
        Web.Live.DecisionFeed? decisions = null)
    {
        _connection = connection;
        _ari = ari;
        _options = callOptions.Value;
        _app = ariOptions.Value.App;
        _time = time;
        _logger = logger;
        _pipeline = pipeline;
        _lifetime = lifetime;
        _services = new CallServices(ari, _app, _options, policies, _router, new RingingCalls(), new PromptCatalog(ari, time), logger, metrics, time, _redispatch.OnNext)
        {
            Decisions = decisions ?? new(),
        };
        _recovery = new CallRecovery(_services, time, NewCall);
        metrics.ObserveCalls(active: () => _router.Calls.Count, ringing: () => _services.Ringing.Count);
    }

    /// <summary>The calls in progress.</summary>
    internal int ActiveCalls => _router.Calls.Count;

    /// <summary>The legs ringing at an extension (what call pickup can take).</summary>
    internal int RingingLegs => _services.Ringing.Count;

    /// <summary>The calls in progress, for tests.</summary>
    internal IReadOnlyCollection<Call> Calls => [.. _router.Calls];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(_connection.Events.Merge(_redispatch)
            .Select(e => (Call: CallFor(e), Event: e))
            .Where(x => x.Call is not null)
            .GroupByUntil(x => x.Call!, x => x.Event, group => group.Key.Completed)
            .SelectMany(call => call.Select(e => Observable.FromAsync(ct => call.Key.HandleSafelyAsync(e, ct))).Concat())
            .Subscribe(_ => { }, PipelineStopped));

        // At every connection (the first one too: an earlier process may have died with calls up), take
        // charge of what Asterisk holds; events of an outage are lost. The new application gets the event filter
        // meanwhile (never holding recovery up: a slow answer to it only costs the saving).
        _subscriptions.Add(_connection.States
            .Where(state => state.IsConnected)
            .Select(_ => Observable.FromAsync(ct => Task.WhenAll(UnusedEvents.FilterOutAsync(_ari, _app, _logger, ct), _recovery.RunAsync(ct))))
            .Concat()
            .Subscribe(_ => { }, PipelineStopped));

        _connection.Start();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops taking calls (new ones go to the dialplan's fallback), waits a while for calls being set up,
    /// then ends those still being set up (the dialplan's fallback, or their cause) and disconnects.
    /// Bridged calls stay up in Asterisk; the next process adopts them.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _accepting = false;
        var deadline = _time.GetUtcNow().AddSeconds(_options.ShutdownTimeoutSeconds);
        await WaitWhileSettingUpAsync(deadline, cancellationToken).ConfigureAwait(false);

        var signalled = _router.Calls.Where(c => c.State.IsSignalledAtShutdown).ToList();
        var settingUp = signalled.Count(c => c.State.IsSettingUp);
        foreach (var call in signalled)
        {
            CallLog.EndedByShutdown(_logger, call.Id, call.State.Name, call.State switch
            {
                { IsSettingUp: true } => "handing it to the dialplan's fallback or ending it with its cause",
                EndingState => "hanging up once more the channels Asterisk refused to hang up",
                _ => "hanging up the transferer, who already left the bridge",
            });
            _redispatch.OnNext(new CallSignal(call.Id, CallSignalKind.Shutdown) { Type = nameof(CallSignal), Application = _app });
        }

        // The signals are handled in each call's order; give them a moment before the connection goes.
        await WaitWhileSettingUpAsync(_time.GetUtcNow().Add(ShutdownSignalGrace), cancellationToken).ConfigureAwait(false);
        LogStopping(_logger, _router.Calls.Count(c => c.State is BridgedState or TransferredState), settingUp);
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

    private async Task WaitWhileSettingUpAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (_router.Calls.Any(c => c.State.IsSettingUp) && _time.GetUtcNow() < deadline && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The call an event belongs to; a new call for a channel entering the application. Total: whatever
    /// an event holds, this never throws, because the pipeline every call shares runs through it.
    /// </summary>
    private Call? CallFor(AriEvent ariEvent)
    {
        try
        {
            if (EventShape.Problem(ariEvent) is { } problem)
            {
                CallLog.MalformedEvent(_logger, ariEvent.Type, problem);
                return null;
            }

            var owner = _router.OwnerOf(ariEvent);
            if (owner is not null && ariEvent is StasisStart again && again.Application == _app && again.Channel.Id == owner.Id && !owner.MarkEntered())
            {
                // Back from a dialplan the call was handed to, before the old call let go of the channel
                // (its continue still unanswered): a new call, which takes the channel over.
                CallLog.ReEntered(_logger, again.Channel.Id);
                return NewEnteredCall(again.Channel.Id);
            }

            if (owner is not null || ariEvent is not StasisStart start || start.Application != _app)
            {
                return owner;
            }

            if (LegIds.IsLeg(start.Channel.Id))
            {
                CallLog.OrphanLeg(_logger, start.Channel.Id);
                _ = HangUpOrphanAsync(start.Channel.Id);
                return null;
            }

            if (!_accepting)
            {
                _ = SendToFallbackAsync(start);
                return null;
            }

            return NewEnteredCall(start.Channel.Id);
        }
#pragma warning disable CA1031 // the shared pipeline must outlive any one event
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRoutingFailed(_logger, ariEvent.Type, e);
            return null;
        }
    }

    private Call NewEnteredCall(string callId)
    {
        var call = NewCall(callId, DecidingState.Instance);
        call.MarkEntered();
        return call;
    }

    private Call NewCall(string callId, CallState state)
    {
        var call = new Call(callId, _services, _time.GetUtcNow(), state);
        _router.Add(call);
        return call;
    }

    private async Task HangUpOrphanAsync(string channelId)
    {
        try
        {
            await _ari.HangupAsync(channelId, HangupCauses.Normal).ConfigureAwait(false);
        }
        catch (AriException e)
        {
            LogFallbackFailed(_logger, channelId, e.Message);
        }
    }

    /// <summary>While stopping, a new call gets what it gets when the controller is down.</summary>
    private async Task SendToFallbackAsync(StasisStart start)
    {
        try
        {
            var fromTrunk = start.Channel.ChannelVars?.GetValueOrDefault(ChannelVariables.Origin) == "trunk";
            var dialed = start.Args.Count > 0 ? Policy.Numbers.DialedNumber.ForDialplan(start.Args[0]) : "s";
            await (fromTrunk
                ? _ari.ContinueAsync(start.Channel.Id, DialplanHandoff.TrunkFallbackContext, "s", 1)
                : _ari.ContinueAsync(start.Channel.Id, DialplanHandoff.FallbackContext, dialed, 1)).ConfigureAwait(false);
        }
        catch (AriException e)
        {
            LogFallbackFailed(_logger, start.Channel.Id, e.Message);
        }
    }

    /// <summary>
    /// The pipeline is built so that nothing stops it; if something still does, calls must not go on
    /// reaching an application nobody serves: the ARI connection is closed (Stasis() then fails at once
    /// and the dialplan's fallback takes new calls, emergency numbers dial) and the process exits non-zero
    /// so its supervisor restarts it.
    /// </summary>
    private void PipelineStopped(Exception exception)
    {
        _pipeline.Stopped(exception);
        LogPipelineStopped(_logger, exception);
        _ = _connection.StopAsync();
        _lifetime?.StopApplication(); // `run` then exits with ExitCodes.PipelineStopped
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The call pipeline stopped; closing the ARI connection so the dialplan's fallback takes calls, and exiting")]
    private static partial void LogPipelineStopped(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not route a {EventType} event; it is dropped")]
    private static partial void LogRoutingFailed(ILogger logger, string eventType, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Bridged} bridged calls stay up in Asterisk, {SettingUp} calls being set up were handed to the dialplan or ended")]
    private static partial void LogStopping(ILogger logger, int bridged, int settingUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId}: {Error}")]
    private static partial void LogFallbackFailed(ILogger logger, string channelId, string error);
}
