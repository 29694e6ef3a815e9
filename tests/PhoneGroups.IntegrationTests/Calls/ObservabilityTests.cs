using System.Net;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>What an on-call engineer watches: readiness and metrics of the real controller.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class ObservabilityTests(AsteriskFixture asterisk) : ControllerTest(asterisk)
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
    public async Task ConnectedController_IsReady_AndCountsItsDecisions()
    {
        var ready = await _http.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("connected", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var call = await Controller.PlaceCallAsync("1001", "2001"); // denied: Finance is isolated
        Assert.Equal(21, (await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);

        var metrics = await _http.GetStringAsync("metrics");
        Assert.Matches("phonegroups_calls_decided_total\\{[^}]*decision=\"deny\",reason=\"[a-z-]+\"\\} [1-9]", metrics);
        Assert.Matches("phonegroups_decision_duration_seconds_count\\{[^}]*decision=\"deny\"\\} [1-9]", metrics);
        // REST goes on the events WebSocket by default (Ari:RestTransport), and the metric says so.
        Assert.Matches("phonegroups_ari_request_duration_seconds_count\\{[^}]*method=\"POST\",status=\"2xx\",transport=\"websocket\"\\} [1-9]", metrics);
        // What Asterisk sends, by event type: the call's own StasisStart at least (REST answers are not events).
        Assert.Matches("phonegroups_ari_events_total\\{[^}]*type=\"StasisStart\"\\} [1-9]", metrics);
        Assert.DoesNotMatch("phonegroups_ari_events_total\\{[^}]*type=\"RESTResponse\"", metrics);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task BridgedCall_AsteriskSendsNoEventNoCallReads()
    {
        var call = await Controller.PlaceCallAsync("2001", "2002");
        var callee = await Controller.WaitForRingingAtAsync("2002");
        await Controller.Ari.AnswerAsync(callee.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);
        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();

        // Joining a bridge sets BRIDGEPEER and more on both channels: without the application's event filter
        // each would reach the controller as a ChannelVarset.
        var metrics = await _http.GetStringAsync("metrics");
        Assert.Matches("phonegroups_ari_events_total\\{[^}]*type=\"ChannelEnteredBridge\"\\} [1-9]", metrics);
        Assert.DoesNotMatch("phonegroups_ari_events_total\\{(?=[^}]*application=\"phonegroups\")(?=[^}]*type=\"(ChannelVarset|ChannelConnectedLine|ChannelDialplan)\")", metrics);
        // The test's own simulator application has no filter, and its events are counted apart: the check can fail.
        Assert.Matches("phonegroups_ari_events_total\\{(?=[^}]*application=\"phonegroups-sim\")(?=[^}]*type=\"ChannelVarset\")", metrics);
    }

    [Fact]
    public async Task WhileAsteriskIsDown_TheControllerIsNotReady_AndSaysWhy_ThenRecovers()
    {
        await AsteriskScript.RunAsync("stop", TimeSpan.FromMinutes(1));
        try
        {
            var down = await WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Contains("disconnected", down, StringComparison.Ordinal);
        }
        finally
        {
            await AsteriskScript.RunAsync("start", TimeSpan.FromMinutes(2));
        }

        await WaitForReadinessAsync(HttpStatusCode.OK);
        var metrics = await _http.GetStringAsync("metrics");
        Assert.Matches("(?m)^phonegroups_ari_reconnects_total(\\{[^}]*\\})? [1-9]", metrics);
    }

    /// <summary>Polls readiness (bounded) until it answers <paramref name="status"/>; returns the body.</summary>
    private async Task<string> WaitForReadinessAsync(HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await _http.GetAsync("health/ready");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == status)
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"readiness stayed {(int)response.StatusCode}: {body}");
            await Task.Delay(200);
        }
    }
}
