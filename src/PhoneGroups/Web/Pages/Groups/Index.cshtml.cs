using Microsoft.AspNetCore.Mvc;

namespace PhoneGroups.Web.Pages.Groups;

/// <summary>The groups with their flags and members; make default, delete (members go to the default group), move a member by drag-and-drop.</summary>
public sealed class GroupsModel : ConsolePage
{
    /// <summary>Members shown per group card; the Extensions page pages through the rest.</summary>
    public const int MembersShown = 40;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostMoveAsync(string number, string group) =>
        await WriteAsync(e => e.MoveExtension(number, group)).ConfigureAwait(false) ? Done() : Page();

    public async Task<IActionResult> OnPostDefaultAsync(string name) =>
        await WriteAsync(e => e.SetDefault(name)).ConfigureAwait(false) ? Done() : Page();

    public async Task<IActionResult> OnPostDeleteAsync(string name) =>
        await WriteAsync(e => e.DeleteGroup(name)).ConfigureAwait(false) ? Done() : Page();
}
