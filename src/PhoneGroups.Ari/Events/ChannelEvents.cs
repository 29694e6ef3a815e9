using System.Text.Json.Serialization;
using PhoneGroups.Ari.Models;

namespace PhoneGroups.Ari.Events;

/// <summary>An event about one channel.</summary>
public abstract record ChannelEvent : AriEvent
{
    /// <summary>The channel the event is about.</summary>
    [JsonPropertyName("channel")] public Channel Channel { get; init; } = new();
}

/// <summary>A channel entered the application (from the dialplan's Stasis(), or one the application created).</summary>
public sealed record StasisStart : ChannelEvent
{
    /// <summary>The arguments of Stasis(app,args…) or of the originate.</summary>
    [JsonPropertyName("args")] public List<string> Args { get; init; } = [];

    /// <summary>The channel this one replaces (after a masquerade), if any.</summary>
    [JsonPropertyName("replace_channel")] public Channel? ReplaceChannel { get; init; }
}

/// <summary>A channel left the application.</summary>
public sealed record StasisEnd : ChannelEvent;

/// <summary>A channel's state changed (e.g. Ringing → Up).</summary>
public sealed record ChannelStateChange : ChannelEvent;

/// <summary>Someone asked to hang a channel up.</summary>
public sealed record ChannelHangupRequest : ChannelEvent
{
    /// <summary>The Q.850 cause, when given.</summary>
    [JsonPropertyName("cause")] public int? Cause { get; init; }

    /// <summary>Whether it is a soft hangup request.</summary>
    [JsonPropertyName("soft")] public bool? Soft { get; init; }
}

/// <summary>A channel is gone.</summary>
public sealed record ChannelDestroyed : ChannelEvent
{
    /// <summary>The Q.850 cause it ended with.</summary>
    [JsonPropertyName("cause")] public int Cause { get; init; }

    /// <summary>The cause in words.</summary>
    [JsonPropertyName("cause_txt")] public string CauseText { get; init; } = string.Empty;
}

/// <summary>A DTMF digit was received on a channel.</summary>
public sealed record ChannelDtmfReceived : ChannelEvent
{
    /// <summary>The digit.</summary>
    [JsonPropertyName("digit")] public string Digit { get; init; } = string.Empty;

    /// <summary>How long it was pressed.</summary>
    [JsonPropertyName("duration_ms")] public int DurationMs { get; init; }
}

/// <summary>A channel variable was set (only for variables ari.conf asks for, or on application channels).</summary>
public sealed record ChannelVarset : AriEvent
{
    /// <summary>The channel, or null for a global variable.</summary>
    [JsonPropertyName("channel")] public Channel? Channel { get; init; }

    /// <summary>The variable.</summary>
    [JsonPropertyName("variable")] public string Variable { get; init; } = string.Empty;

    /// <summary>Its new value.</summary>
    [JsonPropertyName("value")] public string Value { get; init; } = string.Empty;
}
