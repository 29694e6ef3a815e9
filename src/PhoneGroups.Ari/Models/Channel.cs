using System.Text.Json.Serialization;

namespace PhoneGroups.Ari.Models;

/// <summary>An Asterisk channel as ARI describes it.</summary>
public sealed record Channel
{
    /// <summary>The unique id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = string.Empty;

    /// <summary>The name, such as <c>PJSIP/1001-00000002</c> or <c>Local/2001@phones-00000001;2</c>.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = string.Empty;

    /// <summary>Down, Rsrved, OffHook, Dialing, Ring, Ringing, Up, Busy, Dialing Offhook, Pre-ring, Unknown.</summary>
    [JsonPropertyName("state")] public string State { get; init; } = string.Empty;

    /// <summary>The caller ID.</summary>
    [JsonPropertyName("caller")] public CallerId Caller { get; init; } = new();

    /// <summary>The connected line.</summary>
    [JsonPropertyName("connected")] public CallerId Connected { get; init; } = new();

    /// <summary>Where the channel is in the dialplan.</summary>
    [JsonPropertyName("dialplan")] public DialplanCep? Dialplan { get; init; }

    /// <summary>The channel's language (CHANNEL(language)).</summary>
    [JsonPropertyName("language")] public string? Language { get; init; }

    /// <summary>When the channel was created.</summary>
    [JsonPropertyName("creationtime")] public string? CreationTime { get; init; }

    /// <summary>Channel variables Asterisk was told to send with events (ari.conf channelvars).</summary>
    [JsonPropertyName("channelvars")] public Dictionary<string, string>? ChannelVars { get; init; }
}
