using System.Text.Json.Serialization;

namespace PhoneGroups.Ari.Models;

/// <summary>What <c>GET /asterisk/info</c> says about the Asterisk system.</summary>
public sealed record AsteriskInfo
{
    /// <summary>Build information.</summary>
    [JsonPropertyName("build")] public BuildInfo? Build { get; init; }

    /// <summary>System information, including the version.</summary>
    [JsonPropertyName("system")] public SystemInfo? System { get; init; }
}

/// <summary>Build information.</summary>
public sealed record BuildInfo
{
    /// <summary>The operating system it was built on.</summary>
    [JsonPropertyName("os")] public string? Os { get; init; }
}

/// <summary>System information.</summary>
public sealed record SystemInfo
{
    /// <summary>The Asterisk version.</summary>
    [JsonPropertyName("version")] public string? Version { get; init; }

    /// <summary>The system's entity id.</summary>
    [JsonPropertyName("entity_id")] public string? EntityId { get; init; }
}
