using System.Text.Json.Serialization;

namespace PhoneGroups.Ari.Models;

/// <summary>The value of a channel variable or dialplan function.</summary>
public sealed record Variable
{
    /// <summary>The value.</summary>
    [JsonPropertyName("value")] public string Value { get; init; } = string.Empty;
}
