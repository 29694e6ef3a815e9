using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
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
        return TryParse(Encoding.UTF8.GetBytes(json), out ariEvent, out error);
    }

    /// <summary>
    /// Parses one message as the WebSocket delivers it (UTF-8, read once: no string of the whole message is
    /// made unless its type is unknown); returns false with a reason when it is not an ARI event at all.
    /// </summary>
    /// <remarks>
    /// Text that is not valid UTF-8 (a caller name from a broken phone) is read as a string would read it, each
    /// bad byte a U+FFFD, so the call it belongs to is still handled.
    /// </remarks>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out AriEvent? ariEvent, out string? error)
    {
        ariEvent = null;
        error = null;
        try
        {
            if (!TryReadType(utf8, out var type, out var application, out error))
            {
                return false;
            }

            ariEvent = Types.TryGetValue(type!, out var typeInfo)
                ? (AriEvent?)JsonSerializer.Deserialize(utf8, typeInfo)
                : new UnknownAriEvent { Type = type!, Application = application ?? string.Empty, Json = Encoding.UTF8.GetString(utf8) };
            return ariEvent is not null;
        }
        catch (JsonException) when (!Utf8.IsValid(utf8))
        {
            return TryParse(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(utf8)), out ariEvent, out error);
        }
        catch (JsonException e)
        {
            ariEvent = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// The message's top-level <c>type</c> and <c>application</c>. A known type stops the scan there (its
    /// deserialization checks the rest); an unknown one is read to the end, so malformed JSON is refused.
    /// </summary>
    private static bool TryReadType(ReadOnlySpan<byte> utf8, out string? type, out string? application, out string? error)
    {
        type = null;
        application = null;
        error = null;
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = "the message is not a JSON object";
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isApplication = !isType && reader.ValueTextEquals("application"u8);
            reader.Read();
            if ((isType || isApplication) && reader.TokenType == JsonTokenType.String)
            {
                if (isType)
                {
                    type = reader.GetString();
                    if (Types.ContainsKey(type!))
                    {
                        return true;
                    }
                }
                else
                {
                    application = reader.GetString();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            error = "the message is not one JSON object";
            return false;
        }

        if (type is null)
        {
            error = "the message has no \"type\"";
            return false;
        }

        return true;
    }
}
