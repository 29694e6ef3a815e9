using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Ari.Events;

/// <summary>Turns one WebSocket message into a typed event. Unknown types pass through; malformed JSON does not throw.</summary>
public static class AriEventParser
{
    private static readonly Dictionary<string, JsonTypeInfo> Types = new(StringComparer.Ordinal)
    {
        ["StasisStart"] = AriJsonContext.Default.StasisStart,
        ["StasisEnd"] = AriJsonContext.Default.StasisEnd,
        ["ChannelStateChange"] = AriJsonContext.Default.ChannelStateChange,
        ["ChannelHangupRequest"] = AriJsonContext.Default.ChannelHangupRequest,
        ["ChannelDestroyed"] = AriJsonContext.Default.ChannelDestroyed,
        ["ChannelDtmfReceived"] = AriJsonContext.Default.ChannelDtmfReceived,
        ["ChannelVarset"] = AriJsonContext.Default.ChannelVarset,
        ["Dial"] = AriJsonContext.Default.Dial,
        ["ChannelTransfer"] = AriJsonContext.Default.ChannelTransfer,
        ["PlaybackStarted"] = AriJsonContext.Default.PlaybackStarted,
        ["PlaybackFinished"] = AriJsonContext.Default.PlaybackFinished,
        ["ChannelEnteredBridge"] = AriJsonContext.Default.ChannelEnteredBridge,
        ["ChannelLeftBridge"] = AriJsonContext.Default.ChannelLeftBridge,
        ["BridgeDestroyed"] = AriJsonContext.Default.BridgeDestroyed,
        ["ApplicationReplaced"] = AriJsonContext.Default.ApplicationReplaced,
    };

    /// <summary>Parses <paramref name="json"/>; returns false with a reason when it is not an ARI event at all.</summary>
    public static bool TryParse(string json, out AriEvent? ariEvent, out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        ariEvent = null;
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                error = "the message has no \"type\"";
                return false;
            }

            var type = typeElement.GetString()!;
            if (Types.TryGetValue(type, out var typeInfo))
            {
                ariEvent = (AriEvent?)root.Deserialize(typeInfo);
            }
            else
            {
                ariEvent = new UnknownAriEvent
                {
                    Type = type,
                    Application = root.TryGetProperty("application", out var app) && app.ValueKind == JsonValueKind.String ? app.GetString()! : string.Empty,
                    Json = json,
                };
            }

            return ariEvent is not null;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
    }
}
