namespace PhoneGroups.Commands;

/// <summary>The JSON <c>check --json</c> prints; property order is the documented order.</summary>
internal sealed record CheckResult(
    string Decision,
    string Action,
    string Reason,
    string? Permission,
    string? Level,
    string? CallerGroup,
    string? Endpoint,
    string? Route,
    string? Dial,
    string? Context,
    string? CallerId,
    IReadOnlyList<string> Failover,
    string Language);
