using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PhoneGroups.Store;
using PhoneGroups.Tests.Api;
using PhoneGroups.Web.Auth;

namespace PhoneGroups.Tests.Web;

/// <summary>
/// The console's sign-in and write protection over plain HTTP on the real host (no browser: the browser tests
/// run against the real Asterisk): cookie flags, rate limit, viewers, anti-forgery, API tokens only for the API.
/// </summary>
public sealed partial class ConsoleSignInTests : IAsyncLifetime
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
        var (client, _) = Browser();

        var signedIn = await SignInAsync(client, "admin", "admin password");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("phonegroups.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", session, StringComparison.OrdinalIgnoreCase); // plain HTTP here; Secure over TLS
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("groups")).StatusCode);
    }

    [Fact]
    public async Task WithoutASession_PagesRedirectToSignIn_AndTheLiveStreamIsRefused()
    {
        var (client, _) = Browser();

        var groups = await client.GetAsync("groups");
        var live = await client.GetAsync("live/events");

        Assert.Equal(HttpStatusCode.Redirect, groups.StatusCode);
        Assert.StartsWith("/signin", groups.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task SignInAttempts_AreLimitedPerAddress()
    {
        var (client, _) = Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= ConsoleAuth.SignInAttemptsPerMinute; i++)
        {
            statuses.Add((await SignInAsync(client, "admin", "wrong password")).StatusCode);
        }

        Assert.All(statuses.Take(ConsoleAuth.SignInAttemptsPerMinute), s => Assert.Equal(HttpStatusCode.OK, s)); // the form again, with its error
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task AViewer_MayReadButNotWrite_AndAPostWithoutTheToken_IsRefused()
    {
        var (viewer, _) = Browser();
        await SignInAsync(viewer, "viewer", "viewer password");
        var revision = await RevisionAsync();

        var asViewer = await PostAsync(viewer, "groups?handler=Default", "groups", ("name", "Sales"));
        var (admin, _) = Browser();
        await SignInAsync(admin, "admin", "admin password");
        var forged = await admin.PostAsync("groups?handler=Default", new FormUrlEncodedContent([new("name", "Sales")]));

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("history")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(revision, await RevisionAsync());
    }

    [Fact]
    public async Task AnAdmin_WritesWithTheToken_AsTheAuthorOfTheRevision()
    {
        var (admin, _) = Browser();
        await SignInAsync(admin, "admin", "admin password");

        var moved = await PostAsync(admin, "groups?handler=Default", "groups", ("name", "Sales"));

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var latest = await _host.Services.GetRequiredService<IRevisionStore>().GetLatestAsync();
        Assert.Equal("admin", latest!.Author);
        Assert.Equal("default group is Sales", latest.Summary);
    }

    [Fact]
    public async Task TheApi_TakesTokensOnly_NotTheConsoleCookie()
    {
        var (client, _) = Browser();
        await SignInAsync(client, "admin", "admin password");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/groups")).StatusCode);
        using var withToken = await _host.ClientAsync(ApiRoles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await withToken.GetAsync("api/v1/groups")).StatusCode);
    }

    [Fact]
    public async Task ADeletedAccount_LosesItsSession_AtTheNextRequest()
    {
        var (client, _) = Browser();
        await SignInAsync(client, "viewer", "viewer password");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("groups")).StatusCode);

        await _host.Services.GetRequiredService<IConsoleUserStore>().DeleteUserAsync("viewer");

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("groups")).StatusCode);
    }

    private async Task<long> RevisionAsync() => (await _host.Services.GetRequiredService<IRevisionStore>().GetLatestAsync())!.Id;

    /// <summary>A client that keeps cookies and does not follow redirects, as a browser session seen from the server.</summary>
    private (HttpClient Client, CookieContainer Cookies) Browser()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };
        return (client, cookies);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string name, string password) =>
        await PostAsync(client, "signin", "signin", ("Name", name), ("Password", password));

    /// <summary>Posts a form with the anti-forgery token of the page <paramref name="formPage"/>, as the browser would.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string formPage, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(formPage);
        var token = TokenInput().Match(html).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
