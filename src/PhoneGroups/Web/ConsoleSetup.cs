using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PhoneGroups.Web.Auth;
using PhoneGroups.Web.Live;

namespace PhoneGroups.Web;

/// <summary>
/// The web console: Razor Pages rendered by the controller on its one HTTP host, signed in with a cookie
/// (<see cref="ConsoleAuth"/>), anti-forgery on every POST, one embedded script and style sheet (nothing from a
/// CDN), and a Server-Sent Events stream for the Live page.
/// </summary>
internal static class ConsoleSetup
{
    public static IServiceCollection AddConsole(this IServiceCollection services, AuthenticationBuilder authentication)
    {
        // Session and anti-forgery keys live in memory: a restart signs everyone out, and nothing secret is on disk.
        services.AddSingleton<IDataProtectionProvider, EphemeralDataProtectionProvider>();
        services.AddSingleton<DecisionFeed>();
        ConsoleAuth.Add(services, authentication);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "phonegroups.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "RequestVerificationToken"; // the script's fetch POSTs send it as a header
        });
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web/Pages";
            o.Conventions.AuthorizeFolder("/", ConsoleAuth.ReadPolicy);
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/Denied");
        }).AddMvcOptions(o => o.Filters.Add<WritesNeedAdminFilter>())
            .AddCookieTempDataProvider(o =>
            {
                // The "saved as revision N" message after a change: the same cookie rules as the session.
                o.Cookie.Name = "phonegroups.message";
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            });
        return services;
    }

    public static void MapConsole(this WebApplication app)
    {
        app.MapRazorPages();
        ConsoleAssets.Map(app);
        LiveEndpoints.Map(app);
        ConsoleQueries.Map(app);
    }
}
