using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using PhoneGroups.Api;
using PhoneGroups.Documents;
using PhoneGroups.Policy.Loading;
using PhoneGroups.PolicyReload;
using PhoneGroups.Store;

namespace PhoneGroups.Web;

/// <summary>
/// What every console page shares: the revision in force, the policy as a document (for editing as the API
/// does), and <see cref="WriteAsync"/>, which makes a change through <see cref="PolicyWriter"/> (validated whole by
/// the loader, recorded as a revision authored by the signed-in account) and turns a refusal into messages.
/// </summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>Why the last change was refused, one message per problem.</summary>
    public List<string> Errors { get; } = [];

    public bool IsAdmin => User.IsInRole(ApiRoles.Admin);

    internal PolicyPublisher Publisher => HttpContext.RequestServices.GetRequiredService<PolicyPublisher>();

    /// <summary>The compiled policy in force: groups with their members (listed, default and discovered).</summary>
    internal PhoneGroups.Policy.Compilation.CompiledPolicy Compiled => Publisher.Store.Current;

    /// <summary>The revision in force.</summary>
    public PolicyRevision Revision => Publisher.Revision;

    /// <summary>The policy in force as a document, to read groups and routes as they are written.</summary>
    internal PolicyEditor Document() => new(PolicyTree.FromYaml(Revision.Document));

    /// <summary>Whether the policy can be changed here (not with <c>Store:Provider=file</c>).</summary>
    public bool Writable => HttpContext.RequestServices.GetRequiredService<IRevisionStore>().IsWritable;

    /// <summary>Applies <paramref name="edit"/>; true when it was written (or changed nothing), false with <see cref="Errors"/> set.</summary>
    internal async Task<bool> WriteAsync(Func<PolicyEditor, string> edit, long? basedOn = null)
    {
        var writer = HttpContext.RequestServices.GetRequiredService<PolicyWriter>();
        try
        {
            var revision = await writer.EditAsync(basedOn?.ToString(System.Globalization.CultureInfo.InvariantCulture), Author, edit, HttpContext.RequestAborted).ConfigureAwait(false);
            TempData["Message"] = $"Saved as revision {revision.Id}: {revision.Summary}.";
            return true;
        }
        catch (Exception e) when (Refusal(e) is { } messages)
        {
            Errors.AddRange(messages);
            return false;
        }
    }

    /// <summary>
    /// What <paramref name="edit"/> would change, without writing it: the summary and the masked diff, or the
    /// loader's errors in <see cref="Errors"/> (then null).
    /// </summary>
    internal ChangePreview? Preview(Func<PolicyEditor, string> edit)
    {
        var revision = Revision;
        var before = PolicyTree.FromYaml(revision.Document);
        var editor = new PolicyEditor((JsonObject)before.DeepClone());
        try
        {
            var summary = edit(editor);
            var loaded = PolicyLoader.LoadText(PolicyTree.ToYaml(editor.Root), "policy");
            if (!loaded.Success)
            {
                throw new PolicyRejectedByLoaderException(loaded.Errors);
            }

            return new ChangePreview(summary, MaskedYaml.Diff(MaskedYaml.Of(before), MaskedYaml.Of(editor.Root), $"revision {revision.Id}", "after this change"));
        }
        catch (Exception e) when (Refusal(e) is { } messages)
        {
            Errors.AddRange(messages);
            return null;
        }
    }

    /// <summary>Restores an old revision as a new one.</summary>
    internal async Task<bool> RestoreAsync(PolicyRevision old)
    {
        var writer = HttpContext.RequestServices.GetRequiredService<PolicyWriter>();
        try
        {
            var revision = await writer.ReplaceAsync(null, Author, old.Document, $"restored revision {old.Id}", old.Id, HttpContext.RequestAborted).ConfigureAwait(false);
            TempData["Message"] = $"Revision {old.Id} restored as revision {revision.Id}.";
            return true;
        }
        catch (Exception e) when (Refusal(e) is { } messages)
        {
            Errors.AddRange(messages);
            return false;
        }
    }

    private string Author => User.FindFirstValue(ClaimTypes.Name) ?? "unknown";

    private static IEnumerable<string>? Refusal(Exception e) => e switch
    {
        EditException edit => [edit.Message],
        PolicyRejectedByLoaderException rejected => rejected.Errors.Select(Describe),
        StoreReadOnlyException => ["The policy is managed as a file (Store:Provider=file): change the file, not the console."],
        StaleRevisionException or RevisionConflictException => ["Someone changed the policy since this page was opened: reload it and make the change again."],
        _ => null,
    };

    private static string Describe(PolicyError error) => error.Field.Length > 0 ? $"{error.Field}: {error.Message}" : error.Message;

    /// <summary>Back to this page after a POST (so a reload does not post again).</summary>
    internal IActionResult Done(object? routeValues = null) => RedirectToPage(routeValues);
}
