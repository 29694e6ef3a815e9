using System.Diagnostics;
using System.Net;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Ari;

/// <summary>
/// The real controller when a second WebSocket (another controller, a debugging tool) takes its
/// application "phonegroups": readiness says so within a second, and once the other leaves the
/// controller takes the application back and handles calls again within 30 s.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class ControllerReplacedTests(AsteriskFixture asterisk) : ControllerTest(asterisk)
{
    private readonly HttpClient _http = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _http.BaseAddress = Controller.Health;
    }

    public override async Task DisposeAsync()
    {
        _http.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task SecondSocketForTheApplication_Readiness503WithTheReasonWithin1s_ThenReadyAndDecidingWithin30sOfItLeaving()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("health/ready")).StatusCode);

        var other = await RawEventSocket.ConnectAsync("phonegroups");
        var body = await WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(1));
        Assert.Contains("\"ari\":\"replaced: another connection took application phonegroups", body, StringComparison.Ordinal);

        await other.DisposeAsync();
        var left = Stopwatch.StartNew();
        await WaitForReadinessAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        // A call reaches the controller again and is decided: Finance (1001) is isolated, so cause 21, not
        // the dialplan fallback's 41.
        var call = await Controller.PlaceCallAsync("1001", "2001");
        var hangup = await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(30) - left.Elapsed + TimeSpan.FromSeconds(5));
        Assert.Equal(21, hangup.Cause);
        await Controller.AssertNothingLeftAsync();
    }

    /// <summary>Polls readiness until it answers <paramref name="status"/> and fails if that takes longer than <paramref name="within"/>.</summary>
    private async Task<string> WaitForReadinessAsync(HttpStatusCode status, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await _http.GetAsync("health/ready");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == status)
            {
                return body;
            }

            Assert.True(clock.Elapsed < within, $"readiness still {(int)response.StatusCode} after {within.TotalSeconds:0} s: {body}");
            await Task.Delay(50);
        }
    }
}
