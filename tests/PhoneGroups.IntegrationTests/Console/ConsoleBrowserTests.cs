using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using PhoneGroups.IntegrationTests.Infrastructure;
using PhoneGroups.PolicyReload;
using PhoneGroups.Store;
using PhoneGroups.Web.Auth;
using static Microsoft.Playwright.Assertions;

namespace PhoneGroups.IntegrationTests.Console;

/// <summary>
/// The web console in a real Chromium against the real controller and the real Asterisk: an admin makes an
/// isolated group, moves an extension into it, sees its next real call denied live and explained, restores
/// the previous revision and sees the next call bridged; a viewer and a forged POST change nothing.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed partial class ConsoleBrowserTests(AsteriskFixture asterisk) : ControllerTest(asterisk, "store-api.yaml", 30, StoreSettings())
{
    private const string AdminPassword = "correct horse battery";
    private const string ViewerPassword = "viewer password 1";

    private ConsoleBrowser _browser = null!;
    private string _store = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = Controller.Services.GetRequiredService<IOptions<StoreOptions>>().Value.Path;
        var users = Controller.Services.GetRequiredService<IConsoleUserStore>();
        await users.AddUserAsync(new ConsoleUser("it-admin", ApiRoles.Admin, ConsolePasswords.Hash(AdminPassword), DateTimeOffset.UtcNow));
        await users.AddUserAsync(new ConsoleUser("it-viewer", ApiRoles.Viewer, ConsolePasswords.Hash(ViewerPassword), DateTimeOffset.UtcNow));
        _browser = await ConsoleBrowser.LaunchAsync();
    }

    public override async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await base.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_store)!, recursive: true);
    }

    private long RevisionInForce => Controller.Services.GetRequiredService<PolicyPublisher>().Revision.Id;

    [Fact]
    public async Task Admin_IsolatesAnExtension_SeesItsCallDeniedLiveAndExplained_ThenRestoresAndTheNextCallIsBridged()
    {
        // 7001 (Reception, not isolated) reaches 2001 (Sales) before anything changes.
        var page = await _browser.NewPageAsync(Controller.Health);
        await SignInAsync(page, "it-admin", AdminPassword, screenshot: "01-sign-in");
        await Expect(page).ToHaveURLAsync(new Regex("/groups$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Finance" })).ToBeVisibleAsync();

        // A new isolated group; an invalid pattern is marked as it is typed, with the loader's message.
        await page.GetByRole(AriaRole.Link, new() { Name = "New group" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Lab");
        await page.GetByLabel("Isolated", new() { Exact = false }).First.CheckAsync();
        var allow = page.GetByLabel("Allowed patterns, one per line", new() { Exact = false });
        await allow.FillAsync("_7XXX\n_[12");
        await Expect(page.Locator("#allow-problems")).ToContainTextAsync("Line 2: '_[12' is not a valid pattern");
        await Expect(allow).ToHaveAttributeAsync("aria-invalid", "true");
        await ConsoleBrowser.ScreenshotAsync(page, "03-group-invalid-pattern");
        await allow.FillAsync("_7XXX");
        await Expect(page.Locator("#allow-problems")).ToBeEmptyAsync();
        await page.GetByLabel("Test a number against these patterns").FillAsync("7002");
        await Expect(page.Locator("#test-result")).ToHaveTextAsync("7002 matches _7XXX");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview: group Lab created" })).ToBeVisibleAsync();
        await Expect(page.Locator("pre.diff")).ToContainTextAsync("+- name: \"Lab\"");
        Assert.Equal(1, RevisionInForce); // a preview writes nothing
        await page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Expect(page.Locator("p.notice")).ToContainTextAsync("group Lab created");
        var beforeMove = RevisionInForce;
        await ConsoleBrowser.ScreenshotAsync(page, "04-group-edit");

        // Saving an invalid pattern anyway is refused whole, naming the field.
        await allow.FillAsync("_[12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save group" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("allow");
        Assert.Equal(beforeMove, RevisionInForce);

        await AssertBridgedAsync("7001", "2001");

        // Move 7001 into Lab with its row's dropdown.
        await page.GotoAsync("/extensions?q=7001");
        var group = page.GetByLabel("Group of 7001");
        await group.SelectOptionAsync("Lab");
        await page.Locator("tr[data-number='7001']").GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
        await Expect(page.Locator("p.notice")).ToContainTextAsync("extension 7001 moved to Lab");
        await Expect(page.GetByLabel("Group of 7001")).ToHaveValueAsync("Lab");
        await page.GotoAsync("/extensions");
        await ConsoleBrowser.ScreenshotAsync(page, "05-extensions");

        // Live is open while a real call from 7001 is denied: its decision appears with the reason.
        var live = await page.Context.NewPageAsync();
        await live.GotoAsync("/live");
        await Expect(live.Locator("#live-status")).ToHaveTextAsync("Live: following the controller.");
        var call = await Controller.PlaceCallAsync("7001", "2001");
        Assert.Equal(21, (await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);
        var denied = live.Locator($"#live-decisions tr[data-call-id='{call.Call}']");
        await Expect(denied).ToContainTextAsync("deny");
        await Expect(denied).ToContainTextAsync("isolation");
        await Expect(denied).ToContainTextAsync("Lab");
        await Controller.AssertNothingLeftAsync();
        await ConsoleBrowser.ScreenshotAsync(live, "06-live");

        // Why blocked? gives check's sentence for it.
        await page.GotoAsync("/why");
        await page.GetByLabel("From", new() { Exact = false }).First.FillAsync("7001");
        await page.GetByLabel("To (the number dialed)").FillAsync("2001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Explain" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Denied" })).ToBeVisibleAsync();
        await Expect(page.Locator("#explanation")).ToContainTextAsync("7001 (Lab, isolated) may not call 2001");
        await ConsoleBrowser.ScreenshotAsync(page, "07-why-blocked");

        // History: restore the revision before the move; 7001's next call is bridged, and Live shows it in progress.
        await page.GotoAsync("/history");
        await page.GetByRole(AriaRole.Link, new() { Name = beforeMove.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true }).ClickAsync();
        await Expect(page.Locator("pre.diff")).ToContainTextAsync("Lab");
        await ConsoleBrowser.ScreenshotAsync(page, "08-history");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Restore revision {beforeMove}" }).ClickAsync();
        await Expect(page.Locator("p.notice")).ToContainTextAsync($"Revision {beforeMove} restored");

        var next = await Controller.PlaceCallAsync("7001", "2001");
        var ringing = await RingingAsync(next, "2001");
        await Controller.Ari.AnswerAsync(ringing.Channel.Id);
        await Controller.WaitForBridgedAsync(next.Call);
        await Expect(live.Locator($"#live-calls tr[data-call-id='{next.Call}']")).ToContainTextAsync("Bridged");
        await Expect(live.Locator($"#live-decisions tr[data-call-id='{next.Call}']")).ToContainTextAsync("allow");
        await ConsoleBrowser.ScreenshotAsync(live, "09-live-call-in-progress");
        await Controller.Ari.HangupAsync(next.Phone);
        await Controller.AssertNothingLeftAsync();

        // Drag a member onto another group's card.
        await page.GotoAsync("/groups");
        await page.Locator("li[data-number='2002']").DragToAsync(page.Locator("[data-drop-group='Sales']"));
        await Expect(page.Locator("p.notice")).ToContainTextAsync("extension 2002 moved to Sales");
        await Expect(page.Locator("[data-drop-group='Sales'] li[data-number='2002']")).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "02-groups");

        // The remaining pages, for the artifacts; and the console at phone size.
        await page.GotoAsync("/routes");
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "Local" })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "10-routes");
        await page.GotoAsync("/permissions");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Permissions", Exact = true })).ToBeVisibleAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "11-permissions");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/groups");
        await ConsoleBrowser.ScreenshotAsync(page, "12-groups-phone");
    }

    [Fact]
    public async Task Viewer_SeesEverythingAndChangesNothing_AndAPostWithoutTheAntiForgeryToken_IsRefused()
    {
        var revision = RevisionInForce;
        var viewer = await _browser.NewPageAsync(Controller.Health);
        await SignInAsync(viewer, "it-viewer", ViewerPassword, screenshot: null);
        await viewer.GotoAsync("/groups/edit?name=Finance");
        await Expect(viewer.GetByLabel("Name", new() { Exact = true })).ToBeDisabledAsync();
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Save group" })).ToBeDisabledAsync();
        await viewer.GotoAsync("/extensions");
        await Expect(viewer.GetByLabel("Group of 1001")).ToBeDisabledAsync();
        await ConsoleBrowser.ScreenshotAsync(viewer, "13-viewer-extensions");

        // Even a well-formed POST with the viewer's own anti-forgery token is refused.
        var token = await viewer.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var asViewer = await viewer.Context.APIRequest.PostAsync("/extensions?handler=Move", new()
        {
            Form = FormOf(viewer.Context.APIRequest, ("number", "1001"), ("group", "Sales"), ("__RequestVerificationToken", token!)),
            MaxRedirects = 0,
        });
        Assert.Equal(403, asViewer.Status);

        // A signed-in admin's cookie without the token (what another site could make a browser send) is refused.
        var admin = await _browser.NewPageAsync(Controller.Health);
        await SignInAsync(admin, "it-admin", AdminPassword, screenshot: null);
        var forged = await admin.Context.APIRequest.PostAsync("/extensions?handler=Move", new()
        {
            Form = FormOf(admin.Context.APIRequest, ("number", "1001"), ("group", "Sales")),
            MaxRedirects = 0,
        });
        Assert.Equal(400, forged.Status);

        // A wrong password is refused with a message, and no session.
        var stranger = await _browser.NewPageAsync(Controller.Health);
        await stranger.GotoAsync("/signin");
        await stranger.GetByLabel("User name").FillAsync("it-admin");
        await stranger.GetByLabel("Password").FillAsync("not the password");
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(stranger.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");
        await stranger.GotoAsync("/groups");
        await Expect(stranger).ToHaveURLAsync(new Regex("/signin"));

        Assert.Equal(revision, RevisionInForce);
    }

    private static IFormData FormOf(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var form = request.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }

    private static async Task SignInAsync(IPage page, string name, string password, string? screenshot)
    {
        await page.GotoAsync("/groups");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        if (screenshot is not null)
        {
            await ConsoleBrowser.ScreenshotAsync(page, screenshot);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    private async Task AssertBridgedAsync(string from, string to)
    {
        var call = await Controller.PlaceCallAsync(from, to);
        var ringing = await RingingAsync(call, to);
        await Controller.Ari.AnswerAsync(ringing.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);
        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    /// <summary>The callee of this call ringing (the recorder keeps every event: an earlier call rang there too).</summary>
    private Task<PhoneGroups.Ari.Events.StasisStart> RingingAsync(PlacedCall call, string number) =>
        Controller.Events.WaitForAsync<PhoneGroups.Ari.Events.StasisStart>(e =>
            e.Application == "phonegroups-sim" && e.Args.Count > 0 && e.Args[0] == number && e.Channel.Id.StartsWith(call.Call, StringComparison.Ordinal));

    private static string[] StoreSettings()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("phonegroups-it-console-").FullName, "store.db");
        return ["--Store:Provider", "sqlite", "--Store:Path", path, "--Discovery:IntervalSeconds", "1"];
    }
}
