using System.Text.Json.Nodes;

namespace PhoneGroups.Documents;

/// <summary>
/// A permission's <c>password</c> and an extension's <c>pin</c> are never shown by the API: a read replaces them
/// with <c>hasPassword</c>/<c>hasPin</c>. On a write, leaving the field out keeps the stored one (so what a GET
/// returned can be sent back unchanged), <c>null</c> clears it, and a value sets it.
/// </summary>
public static class PolicySecrets
{
    public const string Password = "password";
    public const string HasPassword = "hasPassword";
    public const string Pin = "pin";
    public const string HasPin = "hasPin";

    /// <summary>A copy of <paramref name="permission"/> with <c>hasPassword</c> instead of its password.</summary>
    public static JsonObject HidePassword(JsonObject permission)
    {
        var view = (JsonObject)permission.DeepClone();
        view[HasPassword] = view.Remove(Password, out var password) && password is not null;
        return view;
    }

    /// <summary>An extension entry as shown: a mapping with a PIN gets <c>hasPin</c> instead; others are unchanged.</summary>
    public static JsonNode? HidePin(JsonNode? entry)
    {
        var view = entry?.DeepClone();
        if (view is JsonObject obj)
        {
            obj[HasPin] = obj.Remove(Pin, out var pin) && pin is not null;
        }

        return view;
    }

    /// <summary>A copy of the whole document with every password and PIN hidden (<c>GET /policy</c> as JSON).</summary>
    public static JsonObject HideAll(JsonObject root)
    {
        var view = (JsonObject)root.DeepClone();
        if (view["permissions"] is JsonArray permissions)
        {
            for (var i = 0; i < permissions.Count; i++)
            {
                if (permissions[i] is JsonObject permission)
                {
                    permissions[i] = HidePassword(permission);
                }
            }
        }

        foreach (var list in ExtensionLists(view))
        {
            for (var i = 0; i < list.Count; i++)
            {
                list[i] = HidePin(list[i]);
            }
        }

        return view;
    }

    /// <summary>Applies the write rules to <paramref name="written"/>: an omitted password is taken from <paramref name="stored"/> (null: none stored).</summary>
    public static void KeepPassword(JsonObject? stored, JsonObject written) => Keep(stored, written, Password, HasPassword);

    /// <summary>Applies the write rules to every extension entry of <paramref name="lists"/>, taking omitted PINs from <paramref name="storedDocument"/> by number.</summary>
    public static void KeepPins(JsonObject storedDocument, IEnumerable<JsonArray> lists)
    {
        var stored = ExtensionLists(storedDocument).SelectMany(l => l).OfType<JsonObject>()
            .Where(e => e[Pin] is not null)
            .GroupBy(PolicyEditor.NumberOf, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var list in lists)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var number = PolicyEditor.NumberOf(list[i]);
                if (list[i] is JsonObject entry)
                {
                    Keep(stored.GetValueOrDefault(number), entry, Pin, HasPin);
                }
                else if (stored.TryGetValue(number, out var withPin))
                {
                    // A bare number omits the PIN too: keep it, which needs the mapping form.
                    list[i] = new JsonObject { ["number"] = list[i]?.DeepClone(), [Pin] = withPin[Pin]!.DeepClone() };
                }
            }
        }
    }

    /// <summary>Applies the write rules to a whole document: permissions are matched by name (ignoring case), extensions by number.</summary>
    public static void KeepAll(JsonObject storedDocument, JsonObject written)
    {
        var storedPermissions = storedDocument["permissions"] as JsonArray ?? [];
        if (written["permissions"] is JsonArray permissions)
        {
            foreach (var permission in permissions.OfType<JsonObject>())
            {
                var name = PolicyEditor.NameOf(permission);
                KeepPassword(storedPermissions.OfType<JsonObject>().FirstOrDefault(p => string.Equals(PolicyEditor.NameOf(p), name, StringComparison.OrdinalIgnoreCase)), permission);
            }
        }

        KeepPins(storedDocument, ExtensionLists(written));
    }

    /// <summary>The top-level <c>extensions</c> list and every group's <c>members</c>.</summary>
    public static IEnumerable<JsonArray> ExtensionLists(JsonObject root)
    {
        if (root["extensions"] is JsonArray extensions)
        {
            yield return extensions;
        }

        if (root["groups"] is JsonArray groups)
        {
            foreach (var members in groups.OfType<JsonObject>().Select(g => g["members"]).OfType<JsonArray>())
            {
                yield return members;
            }
        }
    }

    private static void Keep(JsonObject? stored, JsonObject written, string field, string flag)
    {
        written.Remove(flag); // read-only
        if (!written.TryGetPropertyValue(field, out var value))
        {
            if (stored?[field] is { } kept)
            {
                written[field] = kept.DeepClone();
            }
        }
        else if (value is null)
        {
            written.Remove(field);
        }
    }
}
