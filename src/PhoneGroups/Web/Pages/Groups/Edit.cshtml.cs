using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using PhoneGroups.Documents;

namespace PhoneGroups.Web.Pages.Groups;

/// <summary>
/// Creates or edits one group: flags, allowed patterns (checked as typed by the script), language, route
/// grants with caller IDs, members. Keys of the group the form does not show are kept as written.
/// </summary>
public sealed class GroupEditModel : ConsolePage
{
    [BindProperty(SupportsGet = true, Name = "name")]
    public string? Query { get; set; }

    [BindProperty]
    public string? Original { get; set; }

    [BindProperty]
    public long BasedOn { get; set; }

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public bool IsDefault { get; set; }

    [BindProperty]
    public bool Isolated { get; set; }

    [BindProperty]
    public bool PickupIsolated { get; set; }

    [BindProperty]
    public string? Allow { get; set; }

    [BindProperty]
    public string RoutesMode { get; set; } = "all";

    [BindProperty]
    public List<string> Granted { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string?> CallerIds { get; set; } = [];

    [BindProperty]
    public string? Members { get; set; }

    public bool IsNew => string.IsNullOrEmpty(Original);

    public List<string> RouteNames { get; } = [];

    public IActionResult OnGet()
    {
        var editor = Document();
        ListRoutes(editor);
        BasedOn = Revision.Id;
        if (string.IsNullOrEmpty(Query))
        {
            return Page();
        }

        if (editor.FindGroup(Query) is not { } group)
        {
            return NotFound();
        }

        Original = PolicyEditor.NameOf(group);
        Name = Original;
        Description = DocumentFields.Text(group["description"]);
        Language = DocumentFields.Text(group["language"]);
        IsDefault = DocumentFields.Flag(group["default"]);
        Isolated = DocumentFields.Flag(group["isolated"]);
        PickupIsolated = DocumentFields.Flag(group["pickupIsolated"]);
        Allow = DocumentFields.Lines(group["allow"]);
        if (group["routes"] is JsonArray grants)
        {
            RoutesMode = "listed";
            foreach (var grant in grants)
            {
                var name = grant is JsonObject g ? DocumentFields.Text(g["name"]) : DocumentFields.Text(grant);
                Granted.Add(name);
                if (grant is JsonObject withId && DocumentFields.Text(withId["callerId"]) is { Length: > 0 } callerId)
                {
                    CallerIds[name] = callerId;
                }
            }
        }

        // Listed members only: default and discovered members are in the group without being written in it.
        Members = group["members"] is JsonArray members ? string.Join('\n', members.Select(PolicyEditor.NumberOf)) : string.Empty;
        return Page();
    }

    /// <summary>The change the form would make, shown before it is saved.</summary>
    public ChangePreview? Previewed { get; private set; }

    public IActionResult OnPostPreview()
    {
        Previewed = Preview(Edit);
        ListRoutes(Document());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var saved = await WriteAsync(Edit, BasedOn).ConfigureAwait(false);
        if (saved)
        {
            return RedirectToPage("/Groups/Edit", new { name = Name.Trim() });
        }

        ListRoutes(Document());
        return Page();
    }

    private string Edit(PolicyEditor editor)
    {
        var old = IsNew ? null : editor.FindGroup(Original!) ?? throw EditException.NotFound($"no group named '{Original}' (deleted meanwhile?)");
        var group = Build(editor, old);
        return old is null ? editor.CreateGroup(group) : editor.ReplaceGroup(Original!, group);
    }

    private JsonObject Build(PolicyEditor editor, JsonObject? old)
    {
        var group = old is null ? [] : (JsonObject)old.DeepClone();
        group["name"] = Name.Trim();
        DocumentFields.Set(group, "description", Description);
        DocumentFields.Set(group, "language", Language);
        SetFlag(group, "default", IsDefault);
        SetFlag(group, "isolated", Isolated);
        SetFlag(group, "pickupIsolated", PickupIsolated);
        DocumentFields.SetList(group, "allow", Allow);

        if (RoutesMode == "listed")
        {
            group["routes"] = new JsonArray([.. Granted.Select(route => CallerIds.GetValueOrDefault(route) is { Length: > 0 } callerId
                ? (JsonNode)new JsonObject { ["name"] = route, ["callerId"] = callerId.Trim() }
                : JsonValue.Create(route))]);
        }
        else
        {
            group.Remove("routes");
        }

        // A member keeps its entry (endpoint, language, PIN) wherever it was written.
        var entries = Entries(editor);
        var members = new JsonArray();
        foreach (var number in DocumentFields.Split(Members).Distinct(StringComparer.Ordinal))
        {
            members.Add(entries.GetValueOrDefault(number)?.DeepClone() ?? JsonValue.Create(number));
        }

        if (members.Count == 0)
        {
            group.Remove("members");
        }
        else
        {
            group["members"] = members;
        }

        return group;
    }

    /// <summary>Every extension entry written in the policy, by number (once, so a group of 10,000 members saves quickly).</summary>
    private static Dictionary<string, JsonNode> Entries(PolicyEditor editor)
    {
        var entries = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var list in editor.Groups.OfType<JsonObject>().Select(g => g["members"]).OfType<JsonArray>().Append(editor.Root["extensions"] as JsonArray ?? []))
        {
            foreach (var entry in list.OfType<JsonNode>())
            {
                entries.TryAdd(PolicyEditor.NumberOf(entry), entry);
            }
        }

        return entries;
    }

    private void ListRoutes(PolicyEditor editor) => RouteNames.AddRange(editor.Routes.OfType<JsonObject>().Select(PolicyEditor.NameOf));

    private static void SetFlag(JsonObject group, string key, bool value)
    {
        if (value)
        {
            group[key] = true;
        }
        else
        {
            group.Remove(key);
        }
    }

}
