using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PhoneGroups.Store;

namespace PhoneGroups.Web.Pages;

/// <summary>
/// The revisions, newest first, each with its author and summary; one revision's diff to the one before (with
/// passwords and PINs masked: a viewer sees the history too), and restore as a new revision.
/// </summary>
public sealed class HistoryModel : ConsolePage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<PolicyRevision> Revisions { get; private set; } = [];

    public PolicyRevision? Selected { get; private set; }

    public PolicyRevision? Previous { get; private set; }

    public IReadOnlyList<string> Diff { get; private set; } = [];

    private IRevisionStore Store => HttpContext.RequestServices.GetRequiredService<IRevisionStore>();

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync().ConfigureAwait(false);
        return Id is not null && Selected is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(long id)
    {
        var old = await Store.GetAsync(id, HttpContext.RequestAborted).ConfigureAwait(false);
        if (old is null)
        {
            return NotFound();
        }

        if (await RestoreAsync(old).ConfigureAwait(false))
        {
            return RedirectToPage(new { id = (long?)null });
        }

        Id = id;
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Revisions = await Store.ListAsync(PageSize, Before, cancellationToken).ConfigureAwait(false);
        if (Id is not { } id || await Store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } selected)
        {
            return;
        }

        Selected = selected;
        Previous = (await Store.ListAsync(1, id, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        Diff = MaskedYaml.Diff(MaskedYaml.Of(Previous?.Document), MaskedYaml.Of(selected.Document), Previous is null ? "(empty)" : $"revision {Previous.Id}", $"revision {selected.Id}");
    }
}
