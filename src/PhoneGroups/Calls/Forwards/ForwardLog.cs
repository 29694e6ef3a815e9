using Microsoft.Extensions.Logging;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Calls;

/// <summary>What forwards log: one line per forward, naming the forwarder.</summary>
internal static partial class ForwardLog
{
    public static void Decided(ILogger logger, Call call, RedirectionDecision decided, string target, int hop) =>
        Decided(
            logger,
            call.Id,
            decided.PartyName,
            decided.Decision.CallerGroup?.Name ?? "none",
            Policy.Numbers.DialedNumber.Printable(target),
            decided.IsAllowed ? "allow" : "deny",
            decided.ReasonCode,
            decided.IsAllowed ? decided.Decision.Action.ToCode() : "deny",
            decided.Decision.Route?.Route.Name ?? "none",
            decided.Decision.CallerId ?? "unchanged",
            hop);

    [LoggerMessage(EventId = 140, Level = LogLevel.Information,
        Message = "Call {CallId}: forward by {Forwarder} (group {ForwarderGroup}) to {Target}: {Decision} ({Reason}), action {Action}, route {Route}, caller ID {CallerIdPresented}, forward {Hop}")]
    private static partial void Decided(ILogger logger, string callId, string forwarder, string forwarderGroup, string target, string decision, string reason,
        string action, string route, string callerIdPresented, int hop);

    [LoggerMessage(EventId = 141, Level = LogLevel.Warning,
        Message = "Call {CallId}: forward by {Forwarder} to {Target} refused ({Reason}: {Chain}); ending the call with cause {Cause}")]
    public static partial void Loop(ILogger logger, string callId, string forwarder, string target, string reason, string chain, int cause);

    [LoggerMessage(EventId = 142, Level = LogLevel.Warning,
        Message = "Call {CallId}: {Forwarder} forwarded the call (302), but Asterisk reported no target (the 302 came before the leg joined Asterisk's dial bridge); the forward is not followed")]
    public static partial void TargetNotReported(ILogger logger, string callId, string forwarder);
}
