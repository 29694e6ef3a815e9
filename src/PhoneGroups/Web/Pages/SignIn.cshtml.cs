using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using PhoneGroups.Store;
using PhoneGroups.Web.Auth;

namespace PhoneGroups.Web.Pages;

/// <summary>Sign-in with a console account; attempts are rate-limited per address, failures logged without the password.</summary>
[EnableRateLimiting(ConsoleAuth.SignInLimit)]
public sealed partial class SignInModel(IConsoleUserStore users, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ConsoleUser? user;
        try
        {
            user = string.IsNullOrWhiteSpace(Name) ? null : await users.FindUserAsync(Name.Trim(), HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            Error = $"The account store cannot be read: {e.Message}";
            return Page();
        }

        // The hash is checked even for an unknown name, so both take the same time.
        var valid = ConsolePasswords.Verify(user?.PasswordHash ?? UnknownUserHash, Password ?? string.Empty, out var rehash) && user is not null;
        if (!valid)
        {
            LogRefused(logger, Name ?? string.Empty, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            Error = "Wrong user name or password.";
            Password = null;
            return Page();
        }

        if (rehash)
        {
            await users.SetPasswordHashAsync(user!.Name, ConsolePasswords.Hash(Password!), HttpContext.RequestAborted).ConfigureAwait(false);
        }

        await HttpContext.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.Principal(user!)).ConfigureAwait(false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/groups");
    }

    private static readonly string UnknownUserHash = ConsolePasswords.Hash(Guid.NewGuid().ToString());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in as {User} from {Remote} refused: unknown user or wrong password")]
    private static partial void LogRefused(ILogger logger, string user, string remote);
}
