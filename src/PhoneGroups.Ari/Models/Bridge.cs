using System.Text.Json.Serialization;

namespace PhoneGroups.Ari.Models;

/// <summary>An Asterisk bridge.</summary>
public sealed record Bridge
{
    /// <summary>The unique id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The technology, e.g. simple_bridge or softmix.</summary>
    [JsonPropertyName("technology")] public string Technology { get; init; } = string.Empty;

    /// <summary>mixing, holding, dtmf_events, proxy_media.</summary>
    [JsonPropertyName("bridge_type")] public string BridgeType { get; init; } = string.Empty;

    /// <summary>The name given at creation.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The ids of the channels in the bridge.</summary>
    [JsonPropertyName("channels")] public List<string> Channels { get; init; } = [];
}
