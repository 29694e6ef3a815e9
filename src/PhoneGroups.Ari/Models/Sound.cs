using System.Text.Json.Serialization;

namespace PhoneGroups.Ari.Models;

/// <summary>A sound file Asterisk knows, in every language and format it exists in.</summary>
public sealed record Sound
{
    /// <summary>The name, e.g. <c>ss-noservice</c>.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The text of the recording, when Asterisk has it.</summary>
    [JsonPropertyName("text")] public string? Text { get; init; }

    /// <summary>The language and format pairs it exists in.</summary>
    [JsonPropertyName("formats")] public List<FormatLanguage> Formats { get; init; } = [];
}

/// <summary>One language and format a sound exists in.</summary>
public sealed record FormatLanguage
{
    /// <summary>The language folder, e.g. <c>en</c> or <c>pt_BR</c>.</summary>
    [JsonPropertyName("language")] public string Language { get; init; } = string.Empty;

    /// <summary>The format, e.g. <c>ulaw</c>.</summary>
    [JsonPropertyName("format")] public string Format { get; init; } = string.Empty;
}
