using System.Text.Json.Serialization;

namespace PhoneGroups.Ari.Models;

/// <summary>A configured endpoint, such as a PJSIP phone or trunk.</summary>
public sealed record Endpoint
{
    /// <summary>The technology, e.g. PJSIP.</summary>
    [JsonPropertyName("technology")] public string Technology { get; init; } = string.Empty;

    /// <summary>The resource, e.g. 1001.</summary>
    [JsonPropertyName("resource")] public string Resource { get; init; } = string.Empty;

    /// <summary>online, offline, unknown.</summary>
    [JsonPropertyName("state")] public string? State { get; init; }

    /// <summary>The ids of its channels.</summary>
    [JsonPropertyName("channel_ids")] public List<string> ChannelIds { get; init; } = [];
}
