using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PhoneGroups.Api;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Discovery;
using PhoneGroups.Policy.Model;

namespace PhoneGroups.Web.Pages;

/// <summary>Every extension in force (listed and discovered), 100 a page, searchable and filtered; each row's group is a dropdown; bulk moves; orphans found and removed.</summary>
public sealed class ExtensionsModel : ConsolePage
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "orphans")]
    public bool ShowOrphans { get; set; }

    public int Total { get; private set; }

    public int Pages { get; private set; }

    internal List<ExtensionInfo> Rows { get; private set; } = [];

    internal List<OrphanView>? Orphans { get; private set; }

    public HashSet<string> OrphanNumbers { get; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync()
    {
        if (ShowOrphans)
        {
            try
            {
                var found = await OrphanFinder.FindAsync(HttpContext.RequestServices.GetRequiredService<IAriClient>(),
                    Compiled.Extensions.Where(e => !Publisher.IsDiscovered(e.Number)), HttpContext.RequestAborted).ConfigureAwait(false);
                Orphans = [.. found.Select(e => new OrphanView(e.Number, e.Endpoint, e.Group?.Name))];
                OrphanNumbers.UnionWith(Orphans.Select(o => o.Number));
            }
            catch (Exception e) when (e is AriException or HttpRequestException or TaskCanceledException)
            {
                Errors.Add($"Asterisk could not be asked for its endpoints: {e.Message}");
            }
        }

        Load();
    }

    public async Task<IActionResult> OnPostMoveAsync(string number, string group)
    {
        if (await WriteAsync(e => e.MoveExtension(number, group)).ConfigureAwait(false))
        {
            return Redirect(Request.Headers.Referer.FirstOrDefault() is { } back && Uri.TryCreate(back, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/extensions" ? uri.PathAndQuery : "/extensions");
        }

        Load();
        return Page();
    }

    public async Task<IActionResult> OnPostBulkAsync(List<string> numbers, string group)
    {
        if (numbers.Count == 0)
        {
            Errors.Add("Tick the extensions to move first.");
        }
        else if (await WriteAsync(e =>
        {
            foreach (var number in numbers)
            {
                e.MoveExtension(number, group);
            }

            return $"{numbers.Count} extensions moved to {group} ({string.Join(", ", numbers.Take(20))}{(numbers.Count > 20 ? ", ..." : string.Empty)})";
        }).ConfigureAwait(false))
        {
            return Done();
        }

        Load();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveOrphansAsync(List<string> numbers)
    {
        if (await WriteAsync(e =>
        {
            foreach (var number in numbers)
            {
                e.DeleteExtension(number);
            }

            return $"cleanup: removed {numbers.Count} members whose endpoint Asterisk no longer has ({string.Join(", ", numbers)})";
        }).ConfigureAwait(false))
        {
            return Done();
        }

        Load();
        return Page();
    }

    public string PageLink(int page) => "/extensions" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q,
        ["group"] = Group,
        ["source"] = Source,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    private void Load()
    {
        IEnumerable<ExtensionInfo> rows = Compiled.Extensions;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            rows = rows.Where(e => e.Number.Contains(q, StringComparison.OrdinalIgnoreCase) || e.Endpoint.Contains(q, StringComparison.OrdinalIgnoreCase));
        }

        if (!string.IsNullOrEmpty(Group))
        {
            rows = rows.Where(e => string.Equals(e.Group?.Name, Group, StringComparison.OrdinalIgnoreCase));
        }

        if (Source is "policy" or "discovered")
        {
            rows = rows.Where(e => Publisher.IsDiscovered(e.Number) == (Source == "discovered"));
        }

        var all = rows.OrderBy(e => e.Number.Length).ThenBy(e => e.Number, StringComparer.Ordinal).ToList();
        Total = all.Count;
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
    }
}
