using System.Text.Json.Serialization;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;

namespace PhoneGroups.Ari.Rest;

/// <summary>Source-generated JSON for every ARI model and event: no reflection at run time.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(List<Channel>))]
[JsonSerializable(typeof(Bridge))]
[JsonSerializable(typeof(List<Bridge>))]
[JsonSerializable(typeof(Playback))]
[JsonSerializable(typeof(Sound))]
[JsonSerializable(typeof(List<Endpoint>))]
[JsonSerializable(typeof(AsteriskInfo))]
[JsonSerializable(typeof(Variable))]
[JsonSerializable(typeof(AriError))]
[JsonSerializable(typeof(VariablesBody))]
[JsonSerializable(typeof(StasisStart))]
[JsonSerializable(typeof(StasisEnd))]
[JsonSerializable(typeof(ChannelStateChange))]
[JsonSerializable(typeof(ChannelHangupRequest))]
[JsonSerializable(typeof(ChannelDestroyed))]
[JsonSerializable(typeof(ChannelDtmfReceived))]
[JsonSerializable(typeof(ChannelVarset))]
[JsonSerializable(typeof(Dial))]
[JsonSerializable(typeof(ChannelTransfer))]
[JsonSerializable(typeof(PlaybackStarted))]
[JsonSerializable(typeof(PlaybackFinished))]
[JsonSerializable(typeof(ChannelEnteredBridge))]
[JsonSerializable(typeof(ChannelLeftBridge))]
[JsonSerializable(typeof(BridgeDestroyed))]
[JsonSerializable(typeof(ApplicationReplaced))]
internal sealed partial class AriJsonContext : JsonSerializerContext;

/// <summary>Asterisk's error body: <c>{"message": "..."}</c>.</summary>
internal sealed record AriError
{
    [JsonPropertyName("message")] public string? Message { get; init; }
}

/// <summary>The body that carries channel variables on create and originate.</summary>
internal sealed record VariablesBody
{
    [JsonPropertyName("variables")] public required IReadOnlyDictionary<string, string> Variables { get; init; }
}
