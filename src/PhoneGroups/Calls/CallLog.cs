using Microsoft.Extensions.Logging;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Calls;

/// <summary>What calls log: one line per decision, every step or failure with the call's id.</summary>
internal static partial class CallLog
{
    public static void Decided(ILogger logger, Call call, Decision decision, CallerIdentity identity, TimeSpan elapsed) =>
        Decided(
            logger,
            call.Id,
            identity.Extension ?? "unknown",
            decision.CallerGroup?.Name ?? "none",
            identity.Source,
            Policy.Numbers.DialedNumber.Printable(call.Dialed),
            decision.IsAllowed ? "allow" : "deny",
            decision.Action.ToCode(),
            decision.Reason.ToCode(),
            decision.Route?.Route.Name ?? "none",
            decision.CallerId ?? "unchanged",
            elapsed.TotalMicroseconds);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Call {CallId} from {Caller} (group {CallerGroup}, by {CallerSource}) to {Dialed}: {Decision} ({Reason}), action {Action}, route {Route}, caller ID {CallerIdPresented}, decided in {DecisionMicroseconds:0.0} µs")]
    private static partial void Decided(ILogger logger, string callId, string caller, string callerGroup, CallerSource callerSource, string dialed,
        string decision, string action, string reason, string route, string callerIdPresented, double decisionMicroseconds);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Call {CallId} to {Dialed} bridged ({Route})")]
    public static partial void Bridged(ILogger logger, string callId, string dialed, string route);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Call {CallId}: {Target} did not answer (dial status {DialStatus}, cause {Cause})")]
    public static partial void LegFailed(ILogger logger, string callId, string target, string dialStatus, int cause);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Call {CallId}: Asterisk refused to create a channel to {Endpoint}: {Error}")]
    public static partial void LegRefused(ILogger logger, string callId, string endpoint, string error);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Call {CallId} handed to the dialplan at {Context},{Extension},1")]
    public static partial void HandedOff(ILogger logger, string callId, string context, string extension);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Call {CallId}: playing {Prompt} in {Language}")]
    public static partial void PromptPlaying(ILogger logger, string callId, string prompt, string language);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Call {CallId}: could not play {Prompt} in {Language} ({Error}); rejecting without it")]
    public static partial void PromptFailed(ILogger logger, string callId, string prompt, string language, string error);

    [LoggerMessage(EventId = 107, Level = LogLevel.Debug, Message = "Call {CallId}: no early media on this channel ({Error})")]
    public static partial void ProgressRefused(ILogger logger, string callId, string error);

    [LoggerMessage(EventId = 108, Level = LogLevel.Information, Message = "Call {CallId}: {Picker} picked up the call ringing at {Extension} (call {PickedCallId})")]
    public static partial void PickedUp(ILogger logger, string callId, string picker, string extension, string pickedCallId);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Call {CallId}: pickup by {Picker} with {Dialed} denied ({Reason})")]
    public static partial void PickupDenied(ILogger logger, string callId, string picker, string dialed, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Call {CallId} failed in state {State} while handling {EventType}; hanging it up with cause 41")]
    public static partial void CallFailed(ILogger logger, string callId, string state, string eventType, Exception exception);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Call {CallId}: cleanup of {Resource} failed: {Error}")]
    public static partial void CleanupFailed(ILogger logger, string callId, string resource, string error);

    [LoggerMessage(EventId = 133, Level = LogLevel.Warning, Message = "Call {CallId}: Asterisk refused to hang up {Count} of its channels; trying again in {DelaySeconds:0} s (attempt {Attempt})")]
    public static partial void HangupRetryScheduled(ILogger logger, string callId, int count, double delaySeconds, int attempt);

    [LoggerMessage(EventId = 134, Level = LogLevel.Warning, Message = "Call {CallId}: Asterisk refused to destroy bridge {BridgeId}; trying again in {DelaySeconds:0} s (attempt {Attempt})")]
    public static partial void BridgeTeardownRetryScheduled(ILogger logger, string callId, string bridgeId, double delaySeconds, int attempt);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Call {CallId}: a party hung up while the call was {State} ({Detail}); ending the call")]
    public static partial void ChannelLeftDuring(ILogger logger, string callId, string state, string detail);

    [LoggerMessage(EventId = 113, Level = LogLevel.Debug, Message = "Call {CallId}: {From} -> {Event} -> {To}")]
    public static partial void Transition(ILogger logger, string callId, string from, string @event, string to);

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning,
        Message = "Call {CallId}: the StasisStart event carried no channel variables {Missing}; reading them over REST (slower). Add the line `channelvars = {Variables}` to the [general] section of ari.conf")]
    public static partial void ChannelVarsMissing(ILogger logger, string callId, string variables, string missing);

    [LoggerMessage(EventId = 115, Level = LogLevel.Warning, Message = "Channel {ChannelId}: a leg no call owns entered the application (its call is over, or an earlier process created it); hanging it up")]
    public static partial void OrphanLeg(ILogger logger, string channelId);

    [LoggerMessage(EventId = 131, Level = LogLevel.Information, Message = "Call {CallId}: the channel came back into the application from the dialplan; deciding it as a new call")]
    public static partial void ReEntered(ILogger logger, string callId);

    [LoggerMessage(EventId = 116, Level = LogLevel.Warning, Message = "Ignored a malformed {EventType} event: {Problem}")]
    public static partial void MalformedEvent(ILogger logger, string eventType, string problem);

    [LoggerMessage(EventId = 117, Level = LogLevel.Information, Message = "Recovery: adopted the bridged call {CallId} (bridge {BridgeId}, channels {Channels})")]
    public static partial void AdoptedBridgedCall(ILogger logger, string callId, string bridgeId, string channels);

    [LoggerMessage(EventId = 118, Level = LogLevel.Information, Message = "Recovery: bridge {BridgeId} of an ended call had {Count} channel(s) left; hanging them up")]
    public static partial void EndedHalfBridge(ILogger logger, string bridgeId, int count);

    [LoggerMessage(EventId = 119, Level = LogLevel.Information, Message = "Recovery: call {CallId} (at {State}) had nobody in charge; deciding it again")]
    public static partial void Redeciding(ILogger logger, string callId, string state);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Recovery: {Adopted} bridged calls adopted, {Redecided} calls decided again, {Ended} channels or bridges ended, {Lost} channels lost while disconnected")]
    public static partial void Recovered(ILogger logger, int adopted, int redecided, int ended, int lost);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Recovery could not list what Asterisk holds: {Error}; it runs again after the next reconnect")]
    public static partial void RecoveryFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 129, Level = LogLevel.Warning, Message = "Recovery: {Action} failed: {Error}; going on with the rest")]
    public static partial void RecoveryStepFailed(ILogger logger, string action, string error);

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Recovery: {ChannelId} is outside its own call's bridge (a transfer it made was completed); hanging it up")]
    public static partial void TransfererLeftOver(ILogger logger, string channelId);

    [LoggerMessage(EventId = 122, Level = LogLevel.Warning, Message = "Call {CallId}: stopping while it was {State}; {Outcome}")]
    public static partial void EndedByShutdown(ILogger logger, string callId, string state, string outcome);

    [LoggerMessage(EventId = 123, Level = LogLevel.Information, Message = "Call {CallId}: {Caller} opened permission '{Permission}' with its password (try {Try})")]
    public static partial void ChallengeOpened(ILogger logger, string callId, string caller, string permission, int @try);

    [LoggerMessage(EventId = 124, Level = LogLevel.Information, Message = "Call {CallId}: {Caller} typed a wrong password for {Challenge} (try {Try} of {Tries})")]
    public static partial void ChallengeWrong(ILogger logger, string callId, string caller, string challenge, int @try, int tries);

    [LoggerMessage(EventId = 125, Level = LogLevel.Warning, Message = "Call {CallId}: {Caller} failed the password of {Challenge} {Tries} times; denied")]
    public static partial void ChallengeFailed(ILogger logger, string callId, string caller, string challenge, int tries);

    [LoggerMessage(EventId = 128, Level = LogLevel.Warning, Message = "Call {CallId}: {Caller} hung up after {Tries} wrong password(s) for {Challenge}; counted as a failed challenge")]
    public static partial void ChallengeAbandonedAfterWrongTries(ILogger logger, string callId, string caller, string challenge, int tries);

    [LoggerMessage(EventId = 126, Level = LogLevel.Warning, Message = "Call {CallId}: {Caller} failed too many password challenges lately; {Challenge} denied without asking")]
    public static partial void ChallengeLockedOut(ILogger logger, string callId, string caller, string challenge);

    [LoggerMessage(EventId = 132, Level = LogLevel.Debug, Message = "Call {CallId}: the bridge could not be made while the callee rings ({Error}); it is made at the answer")]
    public static partial void BridgeNotPrepared(ILogger logger, string callId, string error);

    [LoggerMessage(EventId = 127, Level = LogLevel.Warning, Message = "Emergency call {CallId} from {Caller} (group {CallerGroup}) to {Dialed}: routes {Routes}, caller ID {CallerIdPresented}")]
    public static partial void EmergencyCall(ILogger logger, string callId, string caller, string callerGroup, string dialed, string routes, string callerIdPresented);
}
