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

    /// <summary>Reads a RESTResponse: its request id, status and body (empty when it has none).</summary>
    public static bool TryReadResponse(string json, out AriSocketResponse response)
    {
        response = default;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("request_id", out var id) || id.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("status_code", out var status) || !status.TryGetInt32(out var code))
            {
                return false;
            }

            var body = root.TryGetProperty("message_body", out var b)
                ? b.ValueKind switch
                {
                    JsonValueKind.String => b.GetString() ?? string.Empty,
                    JsonValueKind.Null => string.Empty,
                    _ => b.GetRawText(),
                }
                : string.Empty;
            response = new AriSocketResponse(id.GetString()!, (HttpStatusCode)code, body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
