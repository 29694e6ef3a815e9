using System.Text.Json.Serialization;

namespace PhoneGroups.Ari.Models;

/// <summary>A caller ID: name and number.</summary>
public sealed record CallerId
{
    /// <summary>The name.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = string.Empty;

    /// <summary>The number.</summary>
    [JsonPropertyName("number")] public string Number { get; init; } = string.Empty;
}
