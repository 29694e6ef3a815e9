using System.Text.Json.Serialization;

namespace PhoneGroups.Ari.Events;

/// <summary>An event from Asterisk's event WebSocket. Every event names its type and application.</summary>
public abstract record AriEvent
{
    /// <summary>The event type, e.g. StasisStart.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = string.Empty;

    /// <summary>The Stasis application the event is for.</summary>
    [JsonPropertyName("application")] public string Application { get; init; } = string.Empty;

    /// <summary>When Asterisk raised it.</summary>
    [JsonPropertyName("timestamp")] public string? Timestamp { get; init; }

    /// <summary>The Asterisk system that raised it.</summary>
    [JsonPropertyName("asterisk_id")] public string? AsteriskId { get; init; }
}
