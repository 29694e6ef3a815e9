using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using PhoneGroups.Documents;

namespace PhoneGroups.Web.Pages;

/// <summary>The outbound routes in the order they are tried: reorder, create, edit, delete (refused while a group is granted the route).</summary>
public sealed class RoutesModel : ConsolePage
{
    [BindProperty(SupportsGet = true, Name = "edit")]
    public string? Edit { get; set; }

    [BindProperty]
    public string? Original { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Patterns { get; set; }

    [BindProperty]
    public string? Dial { get; set; }

    [BindProperty]
    public string? Context { get; set; }

    [BindProperty]
    public string? Strip { get; set; }

    [BindProperty]
    public string? Prefix { get; set; }

    public IActionResult OnGet()
    {
        if (Edit is null)
        {
            return Page();
        }

        if (Document().FindRoute(Edit) is not { } route)
        {
            return NotFound();
        }

        Original = PolicyEditor.NameOf(route);
        Name = Original;
        Patterns = DocumentFields.Lines(route["patterns"]);
        Dial = DocumentFields.Text(route["dial"]);
        Context = DocumentFields.Text(route["context"]);
        Strip = DocumentFields.Text(route["strip"]);
        Prefix = DocumentFields.Text(route["prefix"]);
        return Page();
    }

    /// <summary>Moves a route <paramref name="by"/> places (the Up and Down buttons), or to position <paramref name="to"/> (1-based; a drag and drop).</summary>
    public async Task<IActionResult> OnPostMoveAsync(string name, int by = 0, int? to = null) =>
        await WriteAsync(editor =>
        {
            var route = editor.FindRoute(name) ?? throw EditException.NotFound($"no route named '{name}'");
            var index = editor.Routes.IndexOf(route);
            var target = Math.Clamp(to is { } position ? position - 1 : index + by, 0, editor.Routes.Count - 1);
            editor.Routes.RemoveAt(index);
            editor.Routes.Insert(target, route);
            return $"route {PolicyEditor.NameOf(route)} moved to position {target + 1}";
        }).ConfigureAwait(false) ? Done() : Page();

    public async Task<IActionResult> OnPostDeleteAsync(string name) =>
        await WriteAsync(editor => editor.DeleteRoute(name)).ConfigureAwait(false) ? Done() : Page();

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var saved = await WriteAsync(editor =>
        {
            var old = Original is null ? null : editor.FindRoute(Original) ?? throw EditException.NotFound($"no route named '{Original}'");
            var route = old is null ? [] : (JsonObject)old.DeepClone();
            route["name"] = (Name ?? string.Empty).Trim();
            DocumentFields.SetList(route, "patterns", Patterns);
            DocumentFields.Set(route, "dial", Dial);
            DocumentFields.Set(route, "context", Context);
            DocumentFields.Set(route, "prefix", Prefix);
            if (string.IsNullOrWhiteSpace(Strip))
            {
                route.Remove("strip");
            }
            else if (int.TryParse(Strip, NumberStyles.None, CultureInfo.InvariantCulture, out var strip))
            {
                route["strip"] = strip;
            }
            else
            {
                throw EditException.Invalid("strip", $"strip is a whole number of digits, not '{Strip}'");
            }

            return old is null ? editor.CreateRoute(route) : editor.ReplaceRoute(Original!, route);
        }).ConfigureAwait(false);
        return saved ? Done(new { edit = (Name ?? string.Empty).Trim() }) : Page();
    }
}
