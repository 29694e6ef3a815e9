using System.Text.Json.Serialization;
using PhoneGroups.Ari.Models;

namespace PhoneGroups.Ari.Events;

/// <summary>Progress of a dial: ringing, answer, busy, no answer, and so on.</summary>
public sealed record Dial : AriEvent
{
    /// <summary>The channel being dialed.</summary>
    [JsonPropertyName("peer")] public Channel Peer { get; init; } = new();

    /// <summary>The calling channel, when there is one.</summary>
    [JsonPropertyName("caller")] public Channel? Caller { get; init; }

    /// <summary>The channel the dial was forwarded to, if any.</summary>
    [JsonPropertyName("forwarded")] public Channel? Forwarded { get; init; }

    /// <summary>The forwarding target, if any.</summary>
    [JsonPropertyName("forward")] public string? Forward { get; init; }

    /// <summary>The dial string.</summary>
    [JsonPropertyName("dialstring")] public string? DialString { get; init; }

    /// <summary>RINGING, PROGRESS, ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL, or empty when dialing starts.</summary>
    [JsonPropertyName("dialstatus")] public string DialStatus { get; init; } = string.Empty;
}

/// <summary>A playback started.</summary>
public sealed record PlaybackStarted : AriEvent
{
    /// <summary>The playback.</summary>
    [JsonPropertyName("playback")] public Playback Playback { get; init; } = new();
}

/// <summary>A playback finished: state done, failed or cancelled.</summary>
public sealed record PlaybackFinished : AriEvent
{
    /// <summary>The playback.</summary>
    [JsonPropertyName("playback")] public Playback Playback { get; init; } = new();
}

/// <summary>A channel entered a bridge.</summary>
public sealed record ChannelEnteredBridge : AriEvent
{
    /// <summary>The bridge.</summary>
    [JsonPropertyName("bridge")] public Bridge Bridge { get; init; } = new();

    /// <summary>The channel.</summary>
    [JsonPropertyName("channel")] public Channel Channel { get; init; } = new();
}

/// <summary>A channel left a bridge.</summary>
public sealed record ChannelLeftBridge : AriEvent
{
    /// <summary>The bridge.</summary>
    [JsonPropertyName("bridge")] public Bridge Bridge { get; init; } = new();

    /// <summary>The channel.</summary>
    [JsonPropertyName("channel")] public Channel Channel { get; init; } = new();
}

/// <summary>A bridge was destroyed.</summary>
public sealed record BridgeDestroyed : AriEvent
{
    /// <summary>The bridge.</summary>
    [JsonPropertyName("bridge")] public Bridge Bridge { get; init; } = new();
}

/// <summary>Another connection took over this application: this one receives no more events.</summary>
public sealed record ApplicationReplaced : AriEvent;

/// <summary>An event of a type this client has no model for. It passes through with its raw JSON.</summary>
public sealed record UnknownAriEvent : AriEvent
{
    /// <summary>The message as Asterisk sent it.</summary>
    public string Json { get; init; } = string.Empty;
}
