using System.Text.Json;

namespace PhoneGroups.Observability;

/// <summary>What readiness reports: whether calls can be taken, and each part's state in words.</summary>
public sealed record ReadinessReport(bool Ready, string Ari, string Policy, string Calls, bool Stopping)
{
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["ready"] = Ready,
        ["ari"] = Ari,
        ["policy"] = Policy,
        ["calls"] = Calls,
        ["stopping"] = Stopping,
    });
}
