using System.Text.Json.Serialization;

namespace PhoneGroups.Ari.Models;

/// <summary>A media playback on a channel or bridge.</summary>
public sealed record Playback
{
    /// <summary>The unique id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The media being played, e.g. <c>sound:phonegroups-forbidden</c>.</summary>
    [JsonPropertyName("media_uri")] public string MediaUri { get; init; } = string.Empty;

    /// <summary>What it plays to, e.g. <c>channel:1234.5</c>.</summary>
    [JsonPropertyName("target_uri")] public string TargetUri { get; init; } = string.Empty;

    /// <summary>The language it plays in.</summary>
    [JsonPropertyName("language")] public string? Language { get; init; }

    /// <summary>queued, playing, continuing, done, failed, cancelled.</summary>
    [JsonPropertyName("state")] public string State { get; init; } = string.Empty;
}
