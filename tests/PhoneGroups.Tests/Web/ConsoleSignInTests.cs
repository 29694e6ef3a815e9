using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PhoneGroups.Store;
using PhoneGroups.Tests.Api;
using PhoneGroups.Web.Auth;

namespace PhoneGroups.Tests.Web;

/// <summary>
/// The console's sign-in and write protection over plain HTTP on the real host (no browser: the browser tests
/// run against the real Asterisk): cookie flags, rate limit, viewers, anti-forgery, API tokens only for the API.
/// </summary>
public sealed class ConsoleSignInTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(ApiTests.Policy);
        var users = _host.Services.GetRequiredService<IConsoleUserStore>();
        await users.AddUserAsync(new ConsoleUser("admin", ApiRoles.Admin, ConsolePasswords.Hash("admin password"), DateTimeOffset.UtcNow));
        await users.AddUserAsync(new ConsoleUser("viewer", ApiRoles.Viewer, ConsolePasswords.Hash("viewer password"), DateTimeOffset.UtcNow));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SignIn_SetsAnHttpOnlySameSiteStrictSessionCookie_AndTheConsoleOpens()
    {
        using var session = Browser();
        var client = session.Client;

        var signedIn = await session.SignInAsync("admin", "admin password");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("phonegroups.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain HTTP here; Secure over TLS
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("groups")).StatusCode);
    }

    [Fact]
    public async Task WithoutASession_PagesRedirectToSignIn_AndTheLiveStreamIsRefused()
    {
        using var session = Browser();
        var client = session.Client;

        var groups = await client.GetAsync("groups");
        var live = await client.GetAsync("live/events");

        Assert.Equal(HttpStatusCode.Redirect, groups.StatusCode);
        Assert.StartsWith("/signin", groups.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task SignInAttempts_AreLimitedPerAddress()
    {
        using var session = Browser();
        var client = session.Client;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= ConsoleAuth.SignInAttemptsPerMinute; i++)
        {
            statuses.Add((await session.SignInAsync("admin", "wrong password")).StatusCode);
        }

        Assert.All(statuses.Take(ConsoleAuth.SignInAttemptsPerMinute), s => Assert.Equal(HttpStatusCode.OK, s)); // the form again, with its error
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task AViewer_MayReadButNotWrite_AndAPostWithoutTheToken_IsRefused()
    {
        using var viewerSession = Browser();
        var viewer = viewerSession.Client;
        await viewerSession.SignInAsync("viewer", "viewer password");
        var revision = await RevisionAsync();

        var asViewer = await viewerSession.PostAsync("groups?handler=Default", "groups", ("name", "Sales"));
        using var adminSession = Browser();
        var admin = adminSession.Client;
        await adminSession.SignInAsync("admin", "admin password");
        var forged = await admin.PostAsync("groups?handler=Default", new FormUrlEncodedContent([new("name", "Sales")]));

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("history")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(revision, await RevisionAsync());
    }

    [Fact]
    public async Task AnAdmin_WritesWithTheToken_AsTheAuthorOfTheRevision()
    {
        using var adminSession = Browser();
        var admin = adminSession.Client;
        await adminSession.SignInAsync("admin", "admin password");

        var moved = await adminSession.PostAsync("groups?handler=Default", "groups", ("name", "Sales"));

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var latest = await _host.Services.GetRequiredService<IRevisionStore>().GetLatestAsync();
        Assert.Equal("admin", latest!.Author);
        Assert.Equal("default group is Sales", latest.Summary);
    }

    [Fact]
    public async Task TheApi_TakesTokensOnly_NotTheConsoleCookie()
    {
        using var session = Browser();
        var client = session.Client;
        await session.SignInAsync("admin", "admin password");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/groups")).StatusCode);
        using var withToken = await _host.ClientAsync(ApiRoles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await withToken.GetAsync("api/v1/groups")).StatusCode);
    }

    [Fact]
    public async Task ADeletedAccount_LosesItsSession_AtTheNextRequest()
    {
        using var session = Browser();
        var client = session.Client;
        await session.SignInAsync("viewer", "viewer password");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("groups")).StatusCode);

        await _host.Services.GetRequiredService<IConsoleUserStore>().DeleteUserAsync("viewer");

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("groups")).StatusCode);
    }

    private async Task<long> RevisionAsync() => (await _host.Services.GetRequiredService<IRevisionStore>().GetLatestAsync())!.Id;

    private ConsoleSession Browser() => ConsoleSession.Anonymous(_host.BaseAddress);
}
