using System.Text.Json.Nodes;
using PhoneGroups.Documents;

namespace PhoneGroups.Web;

/// <summary>
/// A policy document as the console shows it in a diff: every password and PIN replaced by a marker, so a diff
/// shows where one was set or removed, never what it is (viewers see the history too).
/// </summary>
internal static class MaskedYaml
{
    private const string Hidden = "(hidden)";

    public static string Of(string? yaml) => yaml is null ? string.Empty : Of(PolicyTree.FromYaml(yaml));

    public static string Of(JsonObject document)
    {
        var tree = (JsonObject)document.DeepClone();
        var secrets = (tree["permissions"] as JsonArray ?? []).OfType<JsonObject>().Select(p => (Entry: p, Key: PolicySecrets.Password))
            .Concat(PolicySecrets.ExtensionLists(tree).SelectMany(list => list.OfType<JsonObject>()).Select(e => (Entry: e, Key: PolicySecrets.Pin)));
        foreach (var (entry, key) in secrets.ToList())
        {
            if (entry[key] is not null)
            {
                entry[key] = Hidden;
            }
        }

        return PolicyTree.ToYaml(tree);
    }

    /// <summary>The unified diff between two documents, masked, as lines.</summary>
    public static IReadOnlyList<string> Diff(string before, string after, string beforeName, string afterName) =>
        LineDiff.Unified(before, after, beforeName, afterName).Split('\n');
}
