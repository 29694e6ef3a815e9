using System.Text.Json.Serialization;

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

/// <summary>Source-generated serialization: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CheckResult))]
internal sealed partial class CheckJsonContext : JsonSerializerContext;
