using System.Net.Http.Headers;
using System.Text;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>
/// Events the controller has no use for, sent by the real Asterisk in the middle of a call (user events
/// of every shape, about the call's own channels): the call goes on, the pipeline keeps taking calls.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class UnexpectedEventTests(AsteriskFixture asterisk) : ControllerTest(asterisk)
{
    [Fact]
    public async Task UserEventsAboutACallsChannels_LeaveTheCallAndThePipelineWorking()
    {
        var call = await Controller.PlaceCallAsync("2001", "2002");
        var callee = await Controller.WaitForRingingAtAsync("2002");

        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8088/ari/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("phonegroups:phonegroups")));
        string[] bodies = ["{}", "{\"variables\":{\"channel\":\"null\",\"peer\":\"\"}}", "{\"variables\":{\"type\":\"ChannelDestroyed\"}}"];
        foreach (var (body, index) in bodies.Select((b, i) => (b, i)))
        {
            foreach (var source in (string[])["", $"&source=channel:{call.Call}", $"&source=channel:{call.Call}-leg1"])
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync($"events/user/StasisStart{index}?application=phonegroups{source}", content);
                Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} for {body} {source}");
            }
        }

        await Controller.Ari.AnswerAsync(callee.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);
        await Controller.Ari.HangupAsync(call.Phone);

        // And the next call is handled as usual.
        var next = await Controller.PlaceCallAsync("1001", "2001");
        Assert.Equal(21, (await Controller.WaitForHangupAsync(next.Phone, TimeSpan.FromSeconds(20))).Cause);
        await Controller.AssertNothingLeftAsync();
    }
}
