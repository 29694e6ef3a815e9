using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PhoneGroups.Store;
using PhoneGroups.Tests.Api;
using PhoneGroups.Web.Auth;

namespace PhoneGroups.Tests.Web;

/// <summary>The console's forms write the policy as the API does: whole, validated, and keeping what the form does not show.</summary>
public sealed class ConsolePolicyFormTests : IAsyncLifetime
{
    private const string Policy = """
        version: 1
        groups:
          - name: Reception
            default: true
          - name: Finance
            isolated: true
            emergencyCallerId: "+15550100"
            members: ["1001", { number: "1002", endpoint: PJSIP/1002-desk, language: de, pin: "4321" }]
            routes: [Local]
          - name: Sales
            members: [{ number: "2001", endpoint: PJSIP/2001-desk }]
        routes:
          - name: Local
            patterns: ["_NXXXXXX"]
            dial: "PJSIP/{number}@trunk"
          - name: Intl
            patterns: ["_011."]
            dial: "PJSIP/{number}@trunk"
        permissions:
          - name: Night
            mode: deny
            groups: [Sales]
            numbers: ["_011."]
            password: "9999"
        """;

    private ApiHost _host = null!;
    private ConsoleSession _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(Policy);
        await _host.Services.GetRequiredService<IConsoleUserStore>().AddUserAsync(new ConsoleUser("alice", ApiRoles.Admin, ConsolePasswords.Hash("admin password"), DateTimeOffset.UtcNow));
        _admin = await ConsoleSession.SignedInAsync(_host.BaseAddress, "alice", "admin password");
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<string> DocumentAsync() => (await _host.Services.GetRequiredService<IRevisionStore>().GetLatestAsync())!.Document;

    [Fact]
    public async Task SavingAGroup_KeepsUnshownKeys_AndMembersKeepTheirEntries_WhereverTheyCameFrom()
    {
        var saved = await _admin.PostAsync("groups/edit", "groups/edit?name=Finance",
            ("Original", "Finance"), ("BasedOn", "1"), ("Name", "Finance"), ("Isolated", "true"), ("Allow", "_7XXX\n_8[0-5]XX"),
            ("RoutesMode", "listed"), ("Granted", "Intl"), ("CallerIds[Intl]", "+15550199"), ("Members", "1002\n2001"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var finance = PhoneGroups.Documents.PolicyTree.FromYaml(await DocumentAsync())["groups"]![1]!;
        Assert.Equal("+15550100", finance["emergencyCallerId"]!.ToString()); // not on the form, kept
        Assert.Equal("[\"_7XXX\",\"_8[0-5]XX\"]", finance["allow"]!.ToJsonString());
        var grant = Assert.Single(finance["routes"]!.AsArray())!;
        Assert.Equal("Intl", grant["name"]!.ToString());
        Assert.Equal("+15550199", grant["callerId"]!.ToString());
        var members = finance["members"]!.AsArray();
        Assert.Equal("4321", members[0]!["pin"]!.ToString()); // 1002 keeps its PIN and endpoint
        Assert.Equal("PJSIP/2001-desk", members[1]!["endpoint"]!.ToString()); // 2001 came from Sales with its endpoint
        var policy = _host.Services.GetRequiredService<PhoneGroups.Policy.PolicyStore>().Current;
        Assert.True(policy.TryGetExtension("1001", out var removed));
        Assert.Equal("Reception", removed.Group!.Name); // no longer listed: the default group
    }

    [Fact]
    public async Task AGroupThatWouldNotLoad_IsRefusedWithTheLoadersMessage_AndNothingIsWritten()
    {
        var before = await DocumentAsync();

        var refused = await _admin.PostAsync("groups/edit", "groups/edit?name=Finance",
            ("Original", "Finance"), ("BasedOn", "1"), ("Name", "Finance"), ("Allow", "_[12"), ("RoutesMode", "all"), ("Members", "1001"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("allow", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await DocumentAsync());
    }

    [Fact]
    public async Task Preview_ShowsTheSummaryAndTheDiff_WithPinsMasked_AndWritesNothing()
    {
        var before = await DocumentAsync();

        var preview = await _admin.PostAsync("groups/edit?handler=Preview", "groups/edit?name=Finance",
            ("Original", "Finance"), ("BasedOn", "1"), ("Name", "Finance"), ("Isolated", "true"), ("Allow", "_7XXX"), ("RoutesMode", "all"), ("Members", "1001\n1002"));

        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.Contains("Preview: group Finance changed", html, StringComparison.Ordinal);
        Assert.Contains("+  allow: [\"_7XXX\"]", html, StringComparison.Ordinal);
        Assert.Contains("-  routes: [\"Local\"]", html, StringComparison.Ordinal);
        Assert.Contains("pin: \"(hidden)\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("4321", html, StringComparison.Ordinal);
        Assert.Equal(before, await DocumentAsync());
    }

    [Fact]
    public async Task AFormOpenedBeforeAnotherChange_IsRefused_RatherThanOverwritingIt()
    {
        await _admin.PostAsync("groups?handler=Default", "groups", ("name", "Sales")); // revision 2

        var stale = await _admin.PostAsync("groups/edit", "groups/edit?name=Finance",
            ("Original", "Finance"), ("BasedOn", "1"), ("Name", "Finance"), ("RoutesMode", "all"), ("Members", "1001"));

        Assert.Contains("Someone changed the policy since this page was opened", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePermissionsPage_NeverShowsAPassword_AndSavingWithoutOneKeepsIt()
    {
        var page = await _admin.Client.GetStringAsync("permissions?edit=Night");
        Assert.DoesNotContain("9999", page, StringComparison.Ordinal);

        var saved = await _admin.PostAsync("permissions?handler=Save", "permissions?edit=Night",
            ("Original", "Night"), ("Name", "Night"), ("Mode", "deny"), ("Enabled", "true"), ("Groups", "Sales\nFinance"), ("Numbers", "_011."));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var document = await DocumentAsync();
        Assert.Contains("9999", document, StringComparison.Ordinal);
        Assert.Contains("Finance", PhoneGroups.Documents.PolicyTree.FromYaml(document)["permissions"]![0]!["groups"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("9999", await _admin.Client.GetStringAsync("history?id=2"), StringComparison.Ordinal);
    }
}
