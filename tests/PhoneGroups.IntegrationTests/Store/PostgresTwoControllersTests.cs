using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Hosting;
using PhoneGroups.IntegrationTests.Infrastructure;
using PhoneGroups.Policy;
using PhoneGroups.Store;

namespace PhoneGroups.IntegrationTests.Store;

/// <summary>
/// Two controllers on one PostgreSQL store (a real server started for the test) and the project's Asterisk:
/// controller A (Stasis app phonegroups-a) takes the API change, controller B (app phonegroups, which the
/// dialplan sends calls to) decides the next real call with it, within 2 s.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class PostgresTwoControllersTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    private PostgresCluster _postgres = null!;
    private ControllerHarness _a = null!;
    private IHost _b = null!;
    private Uri _bHttp = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresCluster.StartAsync();
        try
        {
            string[] store = ["--Store:Provider", "postgres", "--Store:ConnectionString", _postgres.ConnectionString, "--Store:PollMilliseconds", "5000"];
            // A seeds the empty store; its poll is slow on purpose, so only LISTEN/NOTIFY can make B follow within 2 s.
            _a = await ControllerHarness.StartAsync(asterisk, "store-api.yaml", 30, [.. store, "--Ari:App", "phonegroups-a", "--Discovery:Enabled", "false"]);
            _bHttp = new Uri($"http://127.0.0.1:{FreePort()}/");
            _b = ControllerHost.Build(
            [
                "--Ari:Url", "http://127.0.0.1:8088", "--Ari:User", "phonegroups", "--Ari:Password", "phonegroups", "--Demo:AllowDemoPassword", "true", "--Ari:App", "phonegroups",
                "--Logging:Format", "text", "--Logging:Level", "Warning", "--Http:Url", _bHttp.ToString(), "--Discovery:Enabled", "false",
                "--Calls:ShutdownTimeoutSeconds", "1", .. store,
            ]);
            await _b.StartAsync();
            await _b.Services.GetRequiredService<AriEventConnection>().WaitForStateAsync(s => s.IsConnected, TimeSpan.FromSeconds(10));
        }
        catch
        {
            // xUnit does not dispose a class whose start failed: the server must not outlive the test run.
            await _postgres.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.StopAsync();
            _b.Dispose();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        await asterisk.CleanUpAndAssertNothingLeftAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task ChangeThroughOneController_IsInForceOnTheOther_WithinTwoSeconds_ForTheNextRealCall()
    {
        var bPolicy = _b.Services.GetRequiredService<PolicyStore>();
        Assert.Equal("Finance", bPolicy.Current.TryGetExtension("1001", out var before) ? before.Group?.Name : null); // B started from A's seed
        await AssertDeniedAsync("1001", "2001");

        var secret = TokenSecrets.Create();
        await _a.Services.GetRequiredService<ITokenStore>().AddAsync(new ApiToken("ops", ApiRoles.Admin, TokenSecrets.Hash(secret), DateTimeOffset.UtcNow));
        using var api = new HttpClient { BaseAddress = new Uri(_a.Health, "api/v1/") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("extensions/1001/group", new { group = "Sales" })).StatusCode);

        while (!(bPolicy.Current.TryGetExtension("1001", out var after) && after.Group?.Name == "Sales"))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), "controller B did not follow within 2 s");
            await Task.Delay(20);
        }

        // The same token works on B: tokens live in the shared store. B's revision history is A's.
        using var onB = new HttpClient { BaseAddress = new Uri(_bHttp, "api/v1/") };
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var revisions = JsonNode.Parse(await onB.GetStringAsync("revisions"))!.AsArray();
        Assert.Equal(["ops", "seed"], revisions.Select(r => r!["author"]!.ToString()));

        var call = await _a.PlaceCallAsync("1001", "2001"); // dialplan → Stasis(phonegroups) → controller B
        var ringing = await _a.WaitForRingingAtAsync("2001");
        await _a.Ari.AnswerAsync(ringing.Channel.Id);
        await _a.WaitForBridgedAsync(call.Call);
        await _a.Ari.HangupAsync(call.Phone);
        await _a.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ConcurrentWritesFromBothControllers_EachBecomeARevision_NoneIsLost()
    {
        var secret = TokenSecrets.Create();
        await _a.Services.GetRequiredService<ITokenStore>().AddAsync(new ApiToken("ops", ApiRoles.Admin, TokenSecrets.Hash(secret), DateTimeOffset.UtcNow));
        using var onA = Client(new Uri(_a.Health, "api/v1/"), secret);
        using var onB = Client(new Uri(_bHttp, "api/v1/"), secret);

        var writes = Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? onA : onB).PostAsJsonAsync("groups", new { name = $"Team{i}" })).ToList();
        var answers = await Task.WhenAll(writes);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(7, JsonNode.Parse(await onA.GetStringAsync("revisions"))!.AsArray().Count); // the seed and six writes
        // Each controller reads the revision it has in force; both reach the newest, with all six groups, within 2 s.
        var deadline = DateTime.UtcNow.AddSeconds(2);
        foreach (var policies in new[] { _a.Services.GetRequiredService<PolicyStore>(), _b.Services.GetRequiredService<PolicyStore>() })
        {
            while (!Enumerable.Range(0, 6).All(i => policies.Current.TryGetGroup($"Team{i}", out _)))
            {
                Assert.True(DateTime.UtcNow < deadline, "a controller did not reach the newest revision within 2 s");
                await Task.Delay(20);
            }
        }

        var groups = JsonNode.Parse(await onB.GetStringAsync("groups"))!.AsArray().Select(g => g!["name"]!.ToString()).ToList();
        Assert.All(Enumerable.Range(0, 6), i => Assert.Contains($"Team{i}", groups));
    }

    private async Task AssertDeniedAsync(string from, string to)
    {
        var call = await _a.PlaceCallAsync(from, to);
        Assert.Equal(21, (await _a.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);
        await _a.AssertNothingLeftAsync();
    }

    private static HttpClient Client(Uri baseAddress, string secret)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
