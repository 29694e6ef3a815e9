using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneGroups.Web.Auth;

namespace PhoneGroups.Web.Pages;

/// <summary>Ends the session (a POST with the anti-forgery token, so no other site can sign a user out).</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Groups/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuth.Scheme).ConfigureAwait(false);
        return Redirect("/signin");
    }
}
