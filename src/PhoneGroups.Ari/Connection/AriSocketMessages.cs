using System.Net;
using System.Text.Json;

namespace PhoneGroups.Ari.Connection;

/// <summary>The RESTRequest and RESTResponse messages of ARI over the events WebSocket.</summary>
internal static class AriSocketMessages
{
    public const string ResponseType = "RESTResponse";

    /// <summary>
    /// A RESTRequest for <paramref name="path"/> (below /ari/, with an escaped query): the query becomes
    /// <c>query_strings</c> (unescaped names and values), a JSON body goes as <c>content_type</c> + <c>message_body</c>.
    /// </summary>
    public static byte[] Request(string id, string method, string path, string? jsonBody)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + path.Length + (jsonBody?.Length ?? 0));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "RESTRequest");
            json.WriteString("request_id", id);
            json.WriteString("method", method);
            var question = path.IndexOf('?', StringComparison.Ordinal);
            json.WriteString("uri", question < 0 ? path : path[..question]);
            if (question >= 0 && question < path.Length - 1)
            {
                json.WriteStartArray("query_strings");
                foreach (var pair in path[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    json.WriteStartObject();
                    json.WriteString("name", Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]));
                    json.WriteString("value", equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (jsonBody is not null)
            {
                json.WriteString("content_type", "application/json");
                json.WriteString("message_body", jsonBody);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads a RESTResponse (UTF-8, as the WebSocket delivers it): its request id, status and body (empty when
    /// it has none). False for any other message (the scan stops at its <c>type</c>) and for a response
    /// without a request id or status.
    /// </summary>
    public static bool TryReadResponse(ReadOnlySpan<byte> utf8, out AriSocketResponse response)
    {
        response = default;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var isResponse = false;
            string? id = null;
            int? status = null;
            var body = string.Empty;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isResponse = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(ResponseTypeUtf8);
                    if (!isResponse)
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("request_id"u8))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("status_code"u8))
                {
                    reader.Read();
                    status = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var code) ? code : null;
                }
                else if (reader.ValueTextEquals("message_body"u8))
                {
                    reader.Read();
                    body = BodyOf(ref reader, utf8);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!isResponse || id is null || status is null)
            {
                return false;
            }

            response = new AriSocketResponse(id, (HttpStatusCode)status.Value, body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ReadOnlySpan<byte> ResponseTypeUtf8 => "RESTResponse"u8;

    // Asterisk sends the body as a string of JSON; an object or array (other servers) is taken as its raw text.
    private static string BodyOf(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString() ?? string.Empty;
            case JsonTokenType.Null:
                return string.Empty;
            default:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return System.Text.Encoding.UTF8.GetString(utf8[start..(int)reader.BytesConsumed]);
        }
    }
}
