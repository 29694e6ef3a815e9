using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PhoneGroups.Store;

namespace PhoneGroups.Tests.Api;

/// <summary>With <c>Store:Provider file</c> the API reads the file and refuses to write it (GitOps).</summary>
public sealed class FileProviderApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(ApiTests.Policy, "--Store:Provider", "file");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Reads_TheFile_ButWrites_Are409()
    {
        using var admin = await _host.ClientAsync(ApiRoles.Admin);

        var group = JsonNode.Parse(await admin.GetStringAsync("api/v1/groups/Finance"))!;
        var write = await admin.PostAsJsonAsync("api/v1/groups", new { name = "Ops" });

        Assert.Equal("Finance", group["name"]!.ToString());
        Assert.Equal(HttpStatusCode.Conflict, write.StatusCode);
        Assert.Contains("managed as a file", await write.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
