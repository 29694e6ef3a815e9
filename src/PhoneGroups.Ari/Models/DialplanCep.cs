using System.Text.Json.Serialization;

namespace PhoneGroups.Ari.Models;

/// <summary>A dialplan location: context, extension, priority.</summary>
public sealed record DialplanCep
{
    /// <summary>The context.</summary>
    [JsonPropertyName("context")] public string Context { get; init; } = string.Empty;

    /// <summary>The extension.</summary>
    [JsonPropertyName("exten")] public string Exten { get; init; } = string.Empty;

    /// <summary>The priority.</summary>
    [JsonPropertyName("priority")] public long Priority { get; init; }

    /// <summary>The application running there, if any.</summary>
    [JsonPropertyName("app_name")] public string? AppName { get; init; }

    /// <summary>The application's arguments.</summary>
    [JsonPropertyName("app_data")] public string? AppData { get; init; }
}
