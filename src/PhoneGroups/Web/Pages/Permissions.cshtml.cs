using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using PhoneGroups.Documents;

namespace PhoneGroups.Web.Pages;

/// <summary>Call permissions: listed with <c>hasPassword</c> only; edited with a password that is set or cleared, never shown or sent back to the browser.</summary>
public sealed class PermissionsModel : ConsolePage
{
    [BindProperty(SupportsGet = true, Name = "edit")]
    public string? Edit { get; set; }

    [BindProperty]
    public string? Original { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string Mode { get; set; } = "deny";

    [BindProperty]
    public bool Enabled { get; set; } = true;

    [BindProperty]
    public string? Users { get; set; }

    [BindProperty]
    public string? Groups { get; set; }

    [BindProperty]
    public string? Routes { get; set; }

    [BindProperty]
    public string? Numbers { get; set; }

    [BindProperty]
    public string? Incoming { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public bool ClearPassword { get; set; }

    public bool HasPassword { get; private set; }

    /// <summary>The permissions with their passwords hidden (<c>hasPassword</c>).</summary>
    public List<JsonObject> List { get; } = [];

    public IActionResult OnGet()
    {
        Load();
        if (Edit is null)
        {
            return Page();
        }

        if (List.FirstOrDefault(p => string.Equals(PolicyEditor.NameOf(p), Edit, StringComparison.OrdinalIgnoreCase)) is not { } permission)
        {
            return NotFound();
        }

        Original = PolicyEditor.NameOf(permission);
        Name = Original;
        Description = DocumentFields.Text(permission["description"]);
        Mode = DocumentFields.Text(permission["mode"]) is { Length: > 0 } mode ? mode : "deny";
        Enabled = permission["enabled"] is null || DocumentFields.Flag(permission["enabled"]);
        Users = DocumentFields.Lines(permission["users"]);
        Groups = DocumentFields.Lines(permission["groups"]);
        Routes = DocumentFields.Lines(permission["routes"]);
        Numbers = DocumentFields.Lines(permission["numbers"]);
        Incoming = DocumentFields.Lines(permission["incoming"]);
        HasPassword = DocumentFields.Flag(permission["hasPassword"]);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string name)
    {
        if (await WriteAsync(editor => editor.DeletePermission(name)).ConfigureAwait(false))
        {
            return Done();
        }

        Load();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var saved = await WriteAsync(editor =>
        {
            var old = Original is null ? null : editor.FindPermission(Original) ?? throw EditException.NotFound($"no permission named '{Original}'");
            // Start from the hidden view: the password itself never passes through the form.
            var permission = old is null ? [] : PolicySecrets.HidePassword(old);
            permission.Remove("hasPassword");
            permission["name"] = (Name ?? string.Empty).Trim();
            DocumentFields.Set(permission, "description", Description);
            permission["mode"] = Mode == "allow" ? "allow" : "deny";
            if (Enabled)
            {
                permission.Remove("enabled");
            }
            else
            {
                permission["enabled"] = false;
            }

            DocumentFields.SetList(permission, "users", Users);
            DocumentFields.SetList(permission, "groups", Groups);
            DocumentFields.SetList(permission, "routes", Routes);
            DocumentFields.SetList(permission, "numbers", Numbers);
            DocumentFields.SetList(permission, "incoming", Incoming);
            if (!string.IsNullOrEmpty(NewPassword))
            {
                permission["password"] = NewPassword;
            }
            else if (ClearPassword)
            {
                permission["password"] = null; // the editor's "clear"; left out, the password is kept
            }

            return old is null ? editor.CreatePermission(permission) : editor.ReplacePermission(Original!, permission);
        }).ConfigureAwait(false);
        NewPassword = null;
        if (saved)
        {
            return Done(new { edit = (Name ?? string.Empty).Trim() });
        }

        Load();
        return Page();
    }

    private void Load() => List.AddRange(Document().Permissions.OfType<JsonObject>().Select(PolicySecrets.HidePassword));
}
