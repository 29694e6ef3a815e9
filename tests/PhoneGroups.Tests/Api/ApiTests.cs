using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PhoneGroups.Policy;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Store;

namespace PhoneGroups.Tests.Api;

/// <summary>The admin API over HTTP on the real host with a SQLite store: every endpoint and its errors.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    internal const string Policy = """
        version: 1
        # the front desk
        extensions:
          - "1000"
        groups:
          - name: Reception
            default: true
          - name: Finance
            isolated: true
            members: ["1001", { number: "1002", endpoint: PJSIP/1002-desk, language: de }]
            routes: [Local]
          - name: Sales
            members: ["2001"]
        routes:
          - name: Local
            patterns: ["_NXXXXXX"]
            dial: "PJSIP/{number}@trunk"
          - name: Intl
            patterns: ["_011."]
            dial: "PJSIP/{number}@trunk"
        """;

    private ApiHost _host = null!;
    private HttpClient _admin = null!;

    private PolicyStore CallsPolicy => _host.Services.GetRequiredService<PolicyStore>();

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(Policy);
        _admin = await _host.ClientAsync(ApiRoles.Admin, "alice");
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task NoToken_Is401_AndAnUnknownToken_Too_AsProblemDetails()
    {
        using var anonymous = _host.Client(null);
        using var stranger = _host.Client(TokenSecrets.Create());

        var none = await anonymous.GetAsync("api/v1/groups");
        var unknown = await stranger.GetAsync("api/v1/groups");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Contains("token create", (await Problem(none))["detail"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_NeverReadsSecrets_NotInTheYamlPolicy_NorInARevision()
    {
        using var viewer = await _host.ClientAsync(ApiRoles.Viewer);
        using var yaml = new HttpRequestMessage(HttpMethod.Get, "api/v1/policy");
        yaml.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("application/yaml"));

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendAsync(yaml)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("api/v1/revisions/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("api/v1/policy")).StatusCode); // JSON, secrets hidden
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("api/v1/revisions")).StatusCode);
    }

    [Fact]
    public async Task Viewer_Reads_ButWriting_Is403_AndNothingIsWritten()
    {
        using var viewer = await _host.ClientAsync(ApiRoles.Viewer);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("api/v1/groups")).StatusCode);
        var write = await viewer.DeleteAsync("api/v1/groups/Sales");

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(403, (int)(await Problem(write))["status"]!);
        Assert.True(CallsPolicy.Current.TryGetGroup("Sales", out _));
    }

    [Fact]
    public async Task RevokedToken_IsRefusedOnTheNextRequest()
    {
        using var bob = await _host.ClientAsync(ApiRoles.Admin, "bob");
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("api/v1/groups")).StatusCode);

        await _host.Services.GetRequiredService<ITokenStore>().RevokeAsync("BOB");

        Assert.Equal(HttpStatusCode.Unauthorized, (await bob.GetAsync("api/v1/groups")).StatusCode);
    }

    [Fact]
    public async Task GetGroup_IsTheDocument_AndPuttingItBackUnchanged_WritesNoRevision()
    {
        var response = await _admin.GetAsync("api/v1/groups/finance");
        var group = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal("Finance", group["name"]!.ToString());
        Assert.Equal(2, (int)group["memberCount"]!);
        Assert.Equal("PJSIP/1002-desk", group["members"]![1]!["endpoint"]!.ToString());
        var etag = response.Headers.ETag!.Tag;
        Assert.Equal("\"1\"", etag);

        var put = await _admin.SendAsync(Json(HttpMethod.Put, "api/v1/groups/Finance", group, ifMatch: etag));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(etag, put.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task CreateGroup_MovesItsMembersOutOfTheirGroups_AndIsInForceForCallsAtOnce()
    {
        var response = await _admin.PostAsJsonAsync("api/v1/groups", new { name = "Ops", isolated = true, members = new[] { "2001", "1000" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
        var written = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("alice", written["author"]!.ToString());
        Assert.Equal("group Ops created", written["summary"]!.ToString());
        Assert.True(CallsPolicy.Current.TryGetExtension("2001", out var moved));
        Assert.Equal("Ops", moved.Group?.Name);
        Assert.Equal("isolation", CallsPolicy.Current.Decide("2001", "1001").Reason.ToCode());
        var sales = JsonNode.Parse(await _admin.GetStringAsync("api/v1/groups/Sales"))!;
        Assert.Empty(sales["members"]!.AsArray());
    }

    [Fact]
    public async Task CreateGroup_WithATakenName_IgnoringCase_Is409()
    {
        var response = await _admin.PostAsJsonAsync("api/v1/groups", new { name = "sales" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("'Sales' exists", (await Problem(response))["detail"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidChange_Is422_ListingPathLineAndMessage_AndNothingIsWritten()
    {
        var response = await _admin.PostAsJsonAsync("api/v1/groups", new { name = "Ops", isolated = "maybe", allow = new[] { "_8[" } });

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var errors = (await Problem(response))["errors"]!.AsArray();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e!["path"]!.ToString() == "groups[3].isolated" && (int)e["line"]! > 0 && e["message"]!.ToString().Contains("true or false", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!["path"]!.ToString() == "groups[3].allow[0]");
        var revisions = JsonNode.Parse(await _admin.GetStringAsync("api/v1/revisions"))!.AsArray();
        Assert.Single(revisions);
        Assert.False(CallsPolicy.Current.TryGetGroup("Ops", out _));
    }

    [Fact]
    public async Task NotJson_Is400()
    {
        var response = await _admin.PostAsync("api/v1/groups", new StringContent("{name:", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task DeleteGroup_MovesItsMembersToTheDefaultGroup_KeepingTheirEndpoints()
    {
        var response = await _admin.DeleteAsync("api/v1/groups/Finance");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var extension = JsonNode.Parse(await _admin.GetStringAsync("api/v1/extensions/1002"))!;
        Assert.Equal("Reception", extension["group"]!.ToString());
        Assert.Equal("PJSIP/1002-desk", extension["endpoint"]!.ToString());
        Assert.Equal("de", extension["language"]!.ToString());
        Assert.Equal("policy", extension["source"]!.ToString());
        Assert.Equal("not-isolated", CallsPolicy.Current.Decide("1001", "2001").Reason.ToCode());
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("api/v1/groups/Finance")).StatusCode);
    }

    [Fact]
    public async Task DeleteDefaultGroup_Is409_SayingToPickAnotherFirst()
    {
        var response = await _admin.DeleteAsync("api/v1/groups/Reception");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("default group", (await Problem(response))["detail"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultGroup_CanBeReadAndMoved()
    {
        Assert.Equal("Reception", JsonNode.Parse(await _admin.GetStringAsync("api/v1/groups/default"))!["name"]!.ToString());

        var response = await _admin.PutAsJsonAsync("api/v1/groups/default", new { name = "Sales" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sales", CallsPolicy.Current.DefaultGroup?.Name);
        Assert.True(CallsPolicy.Current.TryGetExtension("1000", out var desk));
        Assert.Equal("Sales", desk.Group?.Name);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PutAsJsonAsync("api/v1/groups/default", new { name = "Nobody" })).StatusCode);
    }

    [Fact]
    public async Task StaleIfMatch_Is412_AndTheCurrentIfMatch_Writes()
    {
        var first = await _admin.SendAsync(Json(HttpMethod.Put, "api/v1/extensions/2001/group", new JsonObject { ["group"] = "Finance" }, ifMatch: "\"1\""));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag!.Tag);

        var stale = await _admin.SendAsync(Json(HttpMethod.Put, "api/v1/extensions/2001/group", new JsonObject { ["group"] = "Sales" }, ifMatch: "\"1\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("Finance", JsonNode.Parse(await _admin.GetStringAsync("api/v1/extensions/2001"))!["group"]!.ToString());
    }

    [Fact]
    public async Task MoveExtension_CreatesOneThePolicyDoesNotList_AndUnknownGroupIs422()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("api/v1/extensions/5005")).StatusCode);

        var created = await _admin.PutAsJsonAsync("api/v1/extensions/5005/group", new { group = "Sales" });
        var unknownGroup = await _admin.PutAsJsonAsync("api/v1/extensions/5005/group", new { group = "Nobody" });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("Sales", JsonNode.Parse(await _admin.GetStringAsync("api/v1/extensions/5005"))!["group"]!.ToString());
        Assert.Equal((HttpStatusCode)422, unknownGroup.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.DeleteAsync("api/v1/extensions/5005")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync("api/v1/extensions/5005")).StatusCode);
    }

    [Fact]
    public async Task Extensions_ListsEveryOneInForce()
    {
        var list = JsonNode.Parse(await _admin.GetStringAsync("api/v1/extensions"))!.AsArray();

        Assert.Equal(["1000", "1001", "1002", "2001"], list.Select(e => e!["number"]!.ToString()));
        Assert.Equal("Reception", list[0]!["group"]!.ToString());
    }

    [Fact]
    public async Task Routes_GrantedOnesCannotBeDeleted_AndARenameFollowsInTheGrants()
    {
        var delete = await _admin.DeleteAsync("api/v1/routes/local");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("granted to Finance", (await Problem(delete))["detail"]!.ToString(), StringComparison.Ordinal);

        var rename = await _admin.PutAsJsonAsync("api/v1/routes/Local", new { name = "City", patterns = new[] { "_NXXXXXX" }, dial = "PJSIP/{number}@trunk" });

        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        Assert.Equal("City", CallsPolicy.Current.Decide("2001", "5551234").Route?.Route.Name);
        Assert.Equal("City", JsonNode.Parse(await _admin.GetStringAsync("api/v1/groups/Finance"))!["routes"]![0]!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await _admin.DeleteAsync("api/v1/routes/Intl")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("api/v1/routes", new { name = "Intl", patterns = new[] { "_00." }, context = "intl" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsJsonAsync("api/v1/routes", new { name = "INTL", patterns = new[] { "_00." }, context = "intl" })).StatusCode);
        Assert.Equal("intl", JsonNode.Parse(await _admin.GetStringAsync("api/v1/routes/Intl"))!["context"]!.ToString());
    }

    [Fact]
    public async Task Policy_AsYaml_KeepsTheComments_AndAsJson_PutsBackUnchanged()
    {
        using var yamlRequest = new HttpRequestMessage(HttpMethod.Get, "api/v1/policy");
        yamlRequest.Headers.Accept.ParseAdd("application/yaml");
        var yaml = await (await _admin.SendAsync(yamlRequest)).Content.ReadAsStringAsync();
        Assert.Contains("# the front desk", yaml, StringComparison.Ordinal);

        var json = JsonNode.Parse(await _admin.GetStringAsync("api/v1/policy"))!.AsObject();
        var putBack = await _admin.SendAsync(Json(HttpMethod.Put, "api/v1/policy", json));
        Assert.Equal(HttpStatusCode.OK, putBack.StatusCode);
        Assert.Equal("\"1\"", putBack.Headers.ETag!.Tag); // the same document: no new revision

        var edited = yaml.Replace("  - name: Sales\n", "  - name: Sales\n    isolated: true\n", StringComparison.Ordinal);
        var put = await _admin.PutAsync("api/v1/policy", new StringContent(edited, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True(CallsPolicy.Current.TryGetGroup("Sales", out var sales) && sales.IsIsolated);
        using var again = new HttpRequestMessage(HttpMethod.Get, "api/v1/policy");
        again.Headers.Accept.ParseAdd("application/yaml");
        Assert.Equal(edited, await (await _admin.SendAsync(again)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revisions_AreAttributed_ShowTheirDiff_AndAnOldOneCanBeRestored()
    {
        await _admin.DeleteAsync("api/v1/groups/Sales");
        using var bob = await _host.ClientAsync(ApiRoles.Admin, "bob");
        await bob.PutAsJsonAsync("api/v1/extensions/1000/group", new { group = "Finance" });

        var list = JsonNode.Parse(await _admin.GetStringAsync("api/v1/revisions"))!.AsArray();
        Assert.Equal(["bob", "alice", "seed"], list.Select(r => r!["author"]!.ToString()));
        var detail = JsonNode.Parse(await _admin.GetStringAsync("api/v1/revisions/3"))!;
        Assert.Equal(2, (int)detail["previous"]!);
        var diff = detail["diff"]!.ToString().Split('\n');
        Assert.Contains("-extensions: [\"1000\", \"2001\"]", diff);
        Assert.Contains("+extensions: [\"2001\"]", diff);
        Assert.Contains("+  - \"1000\"", diff);
        Assert.Equal(3, diff.Count(l => l.StartsWith('+') || l.StartsWith('-')) - 2); // two header lines

        var restore = await _admin.PostAsync("api/v1/revisions/1/restore", null);

        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        var restored = JsonNode.Parse(await restore.Content.ReadAsStringAsync())!;
        Assert.Equal(4, (int)restored["revision"]!);
        Assert.Equal(1, (int)restored["restoredFrom"]!);
        Assert.True(CallsPolicy.Current.TryGetGroup("Sales", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("api/v1/revisions/99")).StatusCode);
    }

    [Fact]
    public async Task Check_AnswersLikeCheckJson()
    {
        var check = JsonNode.Parse(await _admin.GetStringAsync("api/v1/check?from=1001&to=2001"))!;

        Assert.Equal("deny", check["decision"]!.ToString());
        Assert.Equal("isolation", check["reason"]!.ToString());
        Assert.Equal("Finance", check["callerGroup"]!.ToString());
        Assert.Equal((HttpStatusCode)422, (await _admin.GetAsync("api/v1/check?from=1001")).StatusCode);
    }

    [Fact]
    public async Task Stats_CountMembersPerGroup()
    {
        var stats = JsonNode.Parse(await _admin.GetStringAsync("api/v1/stats/groups"))!.AsArray();

        Assert.Equal(1, (int)stats.Single(s => s!["name"]!.ToString() == "Reception")!["members"]!);
        Assert.Equal(2, (int)stats.Single(s => s!["name"]!.ToString() == "Finance")!["members"]!);
        Assert.Null(stats[0]!["callsAllowed"]); // no call decided yet: unknown, not zero
    }

    [Fact]
    public async Task Stats_CountCallsPerCallerGroup_AsTheCallPathReportsThem()
    {
        var metrics = _host.Services.GetRequiredService<PhoneGroups.Observability.ControllerMetrics>();
        metrics.Decided(CallsPolicy.Current.Decide("1001", "2001"), TimeSpan.Zero);   // Finance, isolated: denied
        metrics.Decided(CallsPolicy.Current.Decide("1001", "1002"), TimeSpan.Zero);   // Finance, same group: allowed
        metrics.Decided(CallsPolicy.Current.Decide("2001", "1001"), TimeSpan.Zero);   // Sales: allowed

        var stats = JsonNode.Parse(await _admin.GetStringAsync("api/v1/stats/groups"))!.AsArray();

        var finance = stats.Single(s => s!["name"]!.ToString() == "Finance")!;
        Assert.Equal((1, 1), ((int)finance["callsAllowed"]!, (int)finance["callsDenied"]!));
        var sales = stats.Single(s => s!["name"]!.ToString() == "Sales")!;
        Assert.Equal((1, 0), ((int)sales["callsAllowed"]!, (int)sales["callsDenied"]!));
        Assert.Equal(0, (int)stats.Single(s => s!["name"]!.ToString() == "Reception")!["callsAllowed"]!);
    }

    [Fact]
    public async Task OpenApi_DescribesTheEndpoints_WithoutAToken()
    {
        using var anonymous = _host.Client(null);

        var document = await anonymous.GetStringAsync("openapi/v1.json");

        Assert.Contains("/api/v1/groups/{name}", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/revisions/{id}/restore", document, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, JsonNode body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private static async Task<JsonObject> Problem(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
