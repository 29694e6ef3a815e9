using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using PhoneGroups.Store;

namespace PhoneGroups.Web.Auth;

/// <summary>
/// The console's sign-in: a cookie session (HttpOnly, SameSite=Strict, Secure when the request came over TLS)
/// for accounts of <c>phonegroups user create</c>; each request checks that the account still exists with its role,
/// so deleting one ends its sessions. Sign-in attempts are rate-limited per client address.
/// </summary>
internal static class ConsoleAuth
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string ReadPolicy = "console-read";
    public const string SignInLimit = "console-sign-in";

    /// <summary>Sign-in attempts (POSTs) allowed per client address per minute.</summary>
    public const int SignInAttemptsPerMinute = 10;

    public static void Add(IServiceCollection services, AuthenticationBuilder authentication)
    {
        authentication.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "phonegroups.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.AddAuthorizationBuilder().AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(ApiRoles.Admin, ApiRoles.Viewer));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("page"));
            o.OnRejected = (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(context.HttpContext.Response.WriteAsync(
                    $"Too many sign-in attempts from your address: at most {SignInAttemptsPerMinute} a minute. Wait a minute and try again.", cancellationToken));
            };
        });
    }

    /// <summary>The principal of a signed-in account: its name (the author of its changes) and role.</summary>
    public static ClaimsPrincipal Principal(ConsoleUser user) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)], Scheme));

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        ConsoleUser? user = null;
        if (name is not null)
        {
            try
            {
                user = await context.HttpContext.RequestServices.GetRequiredService<IConsoleUserStore>().FindUserAsync(name, context.HttpContext.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                user = null; // fail closed: an account store that cannot be read grants nothing
            }
        }

        if (user is null || !context.Principal!.IsInRole(user.Role))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme).ConfigureAwait(false);
        }
    }
}
