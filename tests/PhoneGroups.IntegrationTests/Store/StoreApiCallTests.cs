using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;
using PhoneGroups.Store;

namespace PhoneGroups.IntegrationTests.Store;

/// <summary>
/// The admin API of the real controller, on a SQLite store, changing what the real Asterisk's next call gets:
/// group changes in force at once, deleted groups' members in the default group, discovered SIP phones,
/// orphans found over ARI, old revisions restored.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class StoreApiCallTests(AsteriskFixture asterisk) : ControllerTest(asterisk, "store-api.yaml", 30, StoreSettings())
{
    private string _store = null!;
    private HttpClient _api = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = Controller.Services.GetRequiredService<IOptions<StoreOptions>>().Value.Path;
        var secret = TokenSecrets.Create();
        await Controller.Services.GetRequiredService<ITokenStore>().AddAsync(new ApiToken("it-admin", ApiRoles.Admin, TokenSecrets.Hash(secret), DateTimeOffset.UtcNow));
        _api = new HttpClient { BaseAddress = new Uri(Controller.Health, "api/v1/") };
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
    }

    public override async Task DisposeAsync()
    {
        _api.Dispose();
        await base.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_store)!, recursive: true);
    }

    [Fact]
    public async Task GroupChangeThroughTheApi_DecidesTheNextCall_WithinOneSecond()
    {
        await AssertDeniedAsync("1001", "2001"); // Finance is isolated

        var watch = Stopwatch.StartNew();
        var moved = await _api.PutAsJsonAsync("extensions/1001/group", new { group = "Sales" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var call = await Controller.PlaceCallAsync("1001", "2001");
        var ringing = await Controller.WaitForRingingAtAsync("2001");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"the call after the change reached 2001 after {watch.Elapsed.TotalMilliseconds:F0} ms");

        await Controller.Ari.AnswerAsync(ringing.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);
        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task DeletedGroup_ItsMembersCallAsTheDefaultGroup_AndRestoringTheOldRevision_IsolatesThemAgain()
    {
        Assert.Equal(HttpStatusCode.OK, (await _api.DeleteAsync("groups/Finance")).StatusCode);
        var member = JsonNode.Parse(await _api.GetStringAsync("extensions/1001"))!;
        Assert.Equal("Reception", member["group"]!.ToString());

        await AssertBridgedAsync("1001", "2001"); // Reception is not isolated

        var restore = await _api.PostAsync("revisions/1/restore", null);
        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        await AssertDeniedAsync("1001", "2001");
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task DiscoveredSipPhone_NotInThePolicy_CallsAsADefaultGroupMember()
    {
        // PJSIP endpoint 1000 (127.0.0.10) is in Asterisk, not in the policy. As an unknown caller it could not call out.
        var discovered = await EventuallyAsync(async () => JsonNode.Parse(await _api.GetStringAsync("extensions"))!.AsArray()
            .FirstOrDefault(e => e!["number"]!.ToString() == "1000"));
        Assert.Equal("discovered", discovered["source"]!.ToString());
        Assert.Equal("Reception", discovered["group"]!.ToString());
        Assert.Equal("PJSIP/1000", discovered["endpoint"]!.ToString());

        await using var phone = await SippPhone.CallAsync("127.0.0.10", "5550123", talk: TimeSpan.FromSeconds(1));
        var carrier = await Controller.WaitForRingingAtAsync("5550123", TimeSpan.FromSeconds(15));
        await Controller.Ari.HangupAsync(carrier.Channel.Id, 17);
        await phone.AssertSucceededAsync();
        Assert.Contains("SIP/2.0 486", phone.Messages, StringComparison.Ordinal); // busy: the carrier was reached, not a denial
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task CleanupOrphans_AfterAnEndpointIsRemovedFromAsterisk_FindsItsMember_AndRemovesItUnlessDryRun()
    {
        await using var endpoints = new AsteriskEndpoints();
        await endpoints.AddAsync("5005");
        Assert.Empty(await OrphansAsync()); // Asterisk has PJSIP/5005: not an orphan
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // a discovery scan sees 5005: the cleanup must not trust that scan

        await endpoints.RemoveAllAsync();

        Assert.Equal(["5005"], await OrphansAsync());
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("extensions/5005")).StatusCode);

        var done = JsonNode.Parse(await (await _api.PostAsync("maintenance/cleanup-orphans?dryRun=false", null)).Content.ReadAsStringAsync())!;

        Assert.Equal(2, (int)done["revision"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync("extensions/5005")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("extensions/7001")).StatusCode); // Local endpoints are never orphans

        // Discovery (every second here) must not bring it back as a phone of the default group: ARI still lists it.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync("extensions/5005")).StatusCode);
    }

    private async Task<string[]> OrphansAsync()
    {
        using var response = await _api.PostAsync("maintenance/cleanup-orphans?dryRun=true", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!["orphans"]!.AsArray().Select(o => o!["number"]!.ToString())];
    }

    private static string[] StoreSettings()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("phonegroups-it-store-").FullName, "store.db");
        return ["--Store:Provider", "sqlite", "--Store:Path", path, "--Discovery:IntervalSeconds", "1"];
    }

    private async Task AssertDeniedAsync(string from, string to)
    {
        var call = await Controller.PlaceCallAsync(from, to);
        Assert.Equal(21, (await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);
        await Controller.AssertNothingLeftAsync();
    }

    private async Task AssertBridgedAsync(string from, string to)
    {
        var call = await Controller.PlaceCallAsync(from, to);
        var ringing = await Controller.WaitForRingingAtAsync(to);
        await Controller.Ari.AnswerAsync(ringing.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);
        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "not seen within 10 s");
            await Task.Delay(100);
        }
    }
}
