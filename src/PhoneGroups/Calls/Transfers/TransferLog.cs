using Microsoft.Extensions.Logging;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Calls;

/// <summary>What transfers log: one line per decision, naming the transferer, and how each transfer ended.</summary>
internal static partial class TransferLog
{
    public static void Decided(ILogger logger, Call call, TransferRequest transfer, RedirectionDecision decided) =>
        Decided(
            logger,
            call.Id,
            transfer.Kind,
            decided.PartyName,
            decided.Decision.CallerGroup?.Name ?? "none",
            transfer.TransfereeId,
            Policy.Numbers.DialedNumber.Printable(transfer.Target ?? string.Empty),
            decided.IsAllowed ? "allow" : "deny",
            decided.ReasonCode,
            decided.IsAllowed ? decided.Decision.Action.ToCode() : "deny",
            decided.Decision.Route?.Route.Name ?? "none",
            decided.Decision.CallerId ?? "unchanged");

    [LoggerMessage(EventId = 150, Level = LogLevel.Information,
        Message = "Call {CallId}: {Kind} transfer by {Transferer} (group {TransfererGroup}) of {Transferee} to {Target}: {Decision} ({Reason}), action {Action}, route {Route}, caller ID {CallerIdPresented}")]
    private static partial void Decided(ILogger logger, string callId, string kind, string transferer, string transfererGroup, string transferee, string target,
        string decision, string reason, string action, string route, string callerIdPresented);

    [LoggerMessage(EventId = 151, Level = LogLevel.Information, Message = "Call {CallId}: transfer by {Transferer} to {Target} completed; {Transferee} is bridged with {Leg}")]
    public static partial void Completed(ILogger logger, string callId, string transferer, string target, string transferee, string leg);

    [LoggerMessage(EventId = 152, Level = LogLevel.Information, Message = "Call {CallId}: transfer by {Transferer} to {Target} failed (cause {Cause}); {Outcome}")]
    public static partial void Failed(ILogger logger, string callId, string transferer, string target, int cause, string outcome);

    [LoggerMessage(EventId = 153, Level = LogLevel.Warning, Message = "Call {CallId}: transfer by {Transferer} refused: {Why}")]
    public static partial void Refused(ILogger logger, string callId, string transferer, string why);

    [LoggerMessage(EventId = 154, Level = LogLevel.Debug, Message = "Call {CallId}: transfer progress {State} not reported to {Transferer}: {Error}")]
    public static partial void ProgressNotReported(ILogger logger, string callId, string transferer, string state, string error);

    [LoggerMessage(EventId = 155, Level = LogLevel.Information, Message = "Call {CallId}: {Party} hung up during the transfer by {Transferer}; {Outcome}")]
    public static partial void PartyLeft(ILogger logger, string callId, string party, string transferer, string outcome);

    [LoggerMessage(EventId = 156, Level = LogLevel.Warning,
        Message = "Call {CallId}: {Channel} entered bridge {BridgeId} without the controller (an INVITE with Replaces?): a transfer nobody decided; hanging it up")]
    public static partial void Intruder(ILogger logger, string callId, string channel, string bridgeId);

    [LoggerMessage(EventId = 157, Level = LogLevel.Information,
        Message = "Call {CallId}: attended transfer by {Transferer} joins {Transferee} with {Second} of call {OtherCallId}: allow (both calls were decided, not outside to outside)")]
    public static partial void Joined(ILogger logger, string callId, string transferer, string transferee, string second, string otherCallId);
}
