using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PhoneGroups.Store;

namespace PhoneGroups.Tests.Api;

/// <summary><c>/api/v1/permissions</c> over HTTP: CRUD, secrets never shown, and <c>check</c> with a caller number.</summary>
public sealed class PermissionApiTests : IAsyncLifetime
{
    private const string Policy = """
        version: 1
        groups:
          - name: Reception
            default: true
            members: ["1000"]
          - name: Sales
            members: ["2001", { number: "2003", pin: "7777" }]
            routes: [Intl]
        routes:
          - name: Intl
            patterns: ["_011."]
            dial: "PJSIP/{number}@trunk"
        permissions:
          - name: Sales international
            numbers: ["_011."]
            groups: [Sales]
            password: "4321"
            accountCode: intl-sales
          - name: Spam callers
            numbers: ["_0900."]
            incoming: ["2001"]
        """;

    private ApiHost _host = null!;
    private HttpClient _admin = null!;

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
    public async Task GetPermissions_NeverShowsThePassword_OnlyHasPassword()
    {
        var list = JsonNode.Parse(await _admin.GetStringAsync("api/v1/permissions"))!.AsArray();
        var one = JsonNode.Parse(await _admin.GetStringAsync("api/v1/permissions/sales%20INTERNATIONAL"))!.AsObject();

        Assert.Equal(2, list.Count);
        Assert.Equal("Sales international", one["name"]!.ToString());
        Assert.True((bool)one["hasPassword"]!);
        Assert.False(one.ContainsKey("password"));
        Assert.False((bool)list[1]!["hasPassword"]!);
        Assert.DoesNotContain("4321", list.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("api/v1/permissions/nope")).StatusCode);
    }

    [Fact]
    public async Task PutBackUnchanged_KeepsThePassword_WritesNoRevision_AndNullClearsIt()
    {
        var response = await _admin.GetAsync("api/v1/permissions/Sales%20international");
        var permission = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var etag = response.Headers.ETag!.Tag;

        var same = await _admin.SendAsync(Json(HttpMethod.Put, "api/v1/permissions/Sales%20international", permission, etag));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(etag, same.Headers.ETag!.Tag);
        Assert.Equal("challenge", (await Check("from=2001&to=011441234567"))["decision"]!.ToString());

        permission["password"] = null;
        permission.Remove("accountCode"); // only with a password
        var cleared = await _admin.SendAsync(Json(HttpMethod.Put, "api/v1/permissions/Sales%20international", permission, etag));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.NotEqual(etag, cleared.Headers.ETag!.Tag);
        var check = await Check("from=2001&to=011441234567");
        Assert.Equal("deny", check["decision"]!.ToString());
        Assert.Equal("permission-denied", check["reason"]!.ToString());
        Assert.False((bool)JsonNode.Parse(await _admin.GetStringAsync("api/v1/permissions/Sales%20international"))!["hasPassword"]!);
    }

    [Fact]
    public async Task Create_Rename_Delete_AreInForce_AndATakenNameIs409()
    {
        var created = await _admin.PostAsJsonAsync("api/v1/permissions", new { name = "No Intl for 1000", numbers = new[] { "_011." }, users = new[] { "1000" }, password = "55" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"2\"", created.Headers.ETag!.Tag);
        Assert.Equal("No Intl for 1000", (await Check("from=1000&to=011441234567"))["permission"]?.ToString());

        var taken = await _admin.PostAsJsonAsync("api/v1/permissions", new { name = "SALES INTERNATIONAL", numbers = new[] { "_1." }, users = new[] { "1000" } });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);

        var renamed = await _admin.SendAsync(Json(HttpMethod.Put, "api/v1/permissions/no%20intl%20for%201000", JsonNode.Parse("""{"name":"Reception intl","numbers":["_011."],"users":["1000"]}""")!));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var kept = JsonNode.Parse(await _admin.GetStringAsync("api/v1/permissions/Reception%20intl"))!;
        Assert.True((bool)kept["hasPassword"]!); // the rename omitted the password: kept

        var renameOntoOther = await _admin.SendAsync(Json(HttpMethod.Put, "api/v1/permissions/Reception%20intl", JsonNode.Parse("""{"name":"spam callers","numbers":["_011."],"users":["1000"]}""")!));
        Assert.Equal(HttpStatusCode.Conflict, renameOntoOther.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _admin.DeleteAsync("api/v1/permissions/RECEPTION%20INTL")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("api/v1/permissions/Reception%20intl")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync("api/v1/permissions/Reception%20intl")).StatusCode);
    }

    [Fact]
    public async Task InvalidPermission_Is422_WithPathAndLine_AndViewerWrites_Are403()
    {
        var invalid = await _admin.PostAsJsonAsync("api/v1/permissions", new { name = "Bad", mode = "maybe", numbers = new[] { "_011." }, users = new[] { "1000" } });
        Assert.Equal((HttpStatusCode)422, invalid.StatusCode);
        var errors = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["path"]!.ToString().StartsWith("permissions[2]", StringComparison.Ordinal) && e["line"] is not null);

        using var viewer = await _host.ClientAsync(ApiRoles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("api/v1/permissions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("api/v1/permissions", new { name = "X", numbers = new[] { "_1." }, users = new[] { "1000" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync("api/v1/permissions/Spam%20callers")).StatusCode);
        Assert.Equal(2, JsonNode.Parse(await _admin.GetStringAsync("api/v1/permissions"))!.AsArray().Count);
    }

    [Fact]
    public async Task GroupsAndPolicy_NeverShowAPinOrPassword_AndAGroupPutBackKeepsThePin()
    {
        var response = await _admin.GetAsync("api/v1/groups/Sales");
        var group = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var member = group["members"]![1]!.AsObject();
        Assert.True((bool)member["hasPin"]!);
        Assert.False(member.ContainsKey("pin"));
        var policy = await _admin.GetStringAsync("api/v1/policy");
        Assert.DoesNotContain("7777", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("4321", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("7777", await _admin.GetStringAsync("api/v1/groups"), StringComparison.Ordinal);

        var put = await _admin.SendAsync(Json(HttpMethod.Put, "api/v1/groups/Sales", group, response.Headers.ETag!.Tag));
        Assert.Equal(response.Headers.ETag!.Tag, put.Headers.ETag!.Tag); // nothing changed: the pin is still there

        member["pin"] = null;
        var cleared = await _admin.SendAsync(Json(HttpMethod.Put, "api/v1/groups/Sales", group));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var after = JsonNode.Parse(await _admin.GetStringAsync("api/v1/groups/Sales"))!["members"]![1]!;
        Assert.False((bool)after["hasPin"]!);
    }

    [Fact]
    public async Task PolicyAsJson_PutBackUnchanged_KeepsPasswordsAndPins_AndWritesNoRevision()
    {
        var response = await _admin.GetAsync("api/v1/policy");
        var policy = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var put = await _admin.SendAsync(Json(HttpMethod.Put, "api/v1/policy", policy, response.Headers.ETag!.Tag));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(response.Headers.ETag!.Tag, put.Headers.ETag!.Tag);
        Assert.Equal("challenge", (await Check("from=2001&to=011441234567"))["decision"]!.ToString());
    }

    [Fact]
    public async Task Check_PassesTheCallerNumber_ToIncomingPermissions()
    {
        var spam = await Check("to=2001&callerNumber=09001234567");
        var fine = await Check("to=2001&callerNumber=5551234");

        Assert.Equal("deny", spam["decision"]!.ToString());
        Assert.Equal("permission-denied", spam["reason"]!.ToString());
        Assert.Equal("Spam callers", spam["permission"]!.ToString());
        Assert.Equal("incoming", spam["level"]!.ToString());
        Assert.Equal("allow", fine["decision"]!.ToString());
    }

    [Fact]
    public async Task Check_IsTheCheckJsonObject_IncludingAChallenge()
    {
        var check = await Check("from=2001&to=011441234567");

        Assert.Equal("challenge", check["decision"]!.ToString());
        Assert.Equal("permission-password", check["reason"]!.ToString());
        Assert.Equal("Sales international", check["permission"]!.ToString());
        Assert.Equal("group", check["level"]!.ToString());
    }

    [Fact]
    public async Task OpenApi_DescribesThePermissionEndpoints()
    {
        using var anonymous = _host.Client(null);
        var document = await anonymous.GetStringAsync("openapi/v1.json");

        Assert.Contains("/api/v1/permissions/{name}", document, StringComparison.Ordinal);
    }

    private async Task<JsonObject> Check(string query) =>
        JsonNode.Parse(await _admin.GetStringAsync("api/v1/check?" + query))!.AsObject();

    private static HttpRequestMessage Json(HttpMethod method, string path, JsonNode body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
