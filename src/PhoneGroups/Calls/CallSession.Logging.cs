using Microsoft.Extensions.Logging;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Calls;

/// <summary>What a call logs: one line per decision, and every step or failure with the call's id.</summary>
internal sealed partial class CallSession
{
    private void LogDecision(Decision decision, CallerIdentity identity, TimeSpan elapsed) =>
        LogDecided(
            _services.Logger,
            CallId,
            identity.Extension ?? "unknown",
            decision.CallerGroup?.Name ?? "none",
            identity.Source,
            _dialed,
            decision.IsAllowed ? "allow" : "deny",
            decision.Action.ToCode(),
            decision.Reason.ToCode(),
            decision.Route?.Route.Name ?? "none",
            decision.CallerId ?? "unchanged",
            elapsed.TotalMicroseconds);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Call {CallId} from {Caller} (group {CallerGroup}, by {CallerSource}) to {Dialed}: {Decision} ({Reason}), action {Action}, route {Route}, caller ID {CallerIdPresented}, decided in {DecisionMicroseconds:0.0} µs")]
    private static partial void LogDecided(ILogger logger, string callId, string caller, string callerGroup, CallerSource callerSource, string dialed,
        string decision, string action, string reason, string route, string callerIdPresented, double decisionMicroseconds);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Call {CallId} to {Dialed} bridged ({Route})")]
    private static partial void LogBridged(ILogger logger, string callId, string dialed, string route);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Call {CallId}: {Target} did not answer (dial status {DialStatus}, cause {Cause})")]
    private static partial void LogLegFailed(ILogger logger, string callId, string target, string dialStatus, int cause);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Call {CallId}: Asterisk refused to create a channel to {Endpoint}: {Error}")]
    private static partial void LogLegRefused(ILogger logger, string callId, string endpoint, string error);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Call {CallId} handed to the dialplan at {Context},{Extension},1")]
    private static partial void LogHandedOff(ILogger logger, string callId, string context, string extension);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Call {CallId}: playing {Prompt} in {Language}")]
    private static partial void LogPromptPlaying(ILogger logger, string callId, string prompt, string language);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Call {CallId}: could not play {Prompt} in {Language} ({Error}); rejecting without it")]
    private static partial void LogPromptFailed(ILogger logger, string callId, string prompt, string language, string error);

    [LoggerMessage(EventId = 107, Level = LogLevel.Debug, Message = "Call {CallId}: no early media on this channel ({Error})")]
    private static partial void LogProgressRefused(ILogger logger, string callId, string error);

    [LoggerMessage(EventId = 108, Level = LogLevel.Information, Message = "Call {CallId}: {Picker} picked up the call ringing at {Extension} (call {PickedCallId})")]
    private static partial void LogPickup(ILogger logger, string callId, string picker, string extension, string pickedCallId);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Call {CallId}: pickup by {Picker} with {Dialed} denied ({Reason})")]
    private static partial void LogPickupDenied(ILogger logger, string callId, string picker, string dialed, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Call {CallId} failed while handling {EventType}; hanging it up")]
    private static partial void LogCallFailed(ILogger logger, string callId, string eventType, Exception exception);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Call {CallId}: cleanup of {Resource} failed: {Error}")]
    private static partial void LogCleanupFailed(ILogger logger, string callId, string resource, string error);
}
