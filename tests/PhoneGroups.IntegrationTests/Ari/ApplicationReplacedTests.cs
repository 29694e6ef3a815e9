using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Rest;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Ari;

/// <summary>
/// A second WebSocket for the same application on the real Asterisk: Asterisk sends ApplicationReplaced
/// to the first and gives the second every event. What our connection does about it.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class ApplicationReplacedTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    private const string App = "phonegroups-it-replaced";

    public Task InitializeAsync()
    {
        asterisk.EnsureStarted();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => asterisk.CleanUpAndAssertNothingLeftAsync();

    [Fact]
    public async Task Asterisk_SendsNothingMoreToAReplacedSocket_EvenAfterTheOtherLeaves()
    {
        // The fact the take-back rests on: the first socket stays open but is never served again, so the
        // way back is a new connection.
        await using var first = await RawEventSocket.ConnectAsync(App);
        await using (var second = await RawEventSocket.ConnectAsync(App))
        {
            await first.WaitForAsync(nameof(ApplicationReplaced), TimeSpan.FromSeconds(1));
            await second.CloseAsync();
        }

        // Nobody else holds the application now, yet an event for it does not reach the first socket.
        var userEvent = await SendUserEventAsync("while-only-the-replaced-socket-is-open");
        await using var third = await RawEventSocket.ConnectAsync(App);
        var channel = await CallIntoTheAppAsync();
        await third.WaitForAsync(nameof(StasisStart), TimeSpan.FromSeconds(10));
        await asterisk.Client.HangupAsync(channel);
        await third.WaitForAsync(nameof(StasisEnd), TimeSpan.FromSeconds(10));

        Assert.Equal([nameof(ApplicationReplaced)], first.Types);
        Assert.Equal(HttpStatusCode.NotFound, userEvent); // for Asterisk the application is gone, though the first socket is open
    }

    [Fact]
    public async Task AnotherSocket_TakesTheApplication_OursIsReplacedWithinASecond_AndBackWithCallsWithin30sOfItLeaving()
    {
        await using var ours = await asterisk.ConnectAsync(App);
        using var events = new EventRecorder(ours.Events);

        var other = await RawEventSocket.ConnectAsync(App);
        var replaced = await ours.WaitForStateAsync(s => s.IsReplaced, TimeSpan.FromSeconds(1));
        Assert.Contains($"another connection took application {App}", replaced.Reason, StringComparison.Ordinal);

        await other.DisposeAsync();
        var left = Stopwatch.StartNew();
        var back = await ours.WaitForStateAsync(s => s.IsConnected, TimeSpan.FromSeconds(30));
        Assert.True(back.IsReconnect);
        Assert.Equal(2, back.Connections);

        var channel = await CallIntoTheAppAsync();
        await events.WaitForAsync<StasisStart>(e => e.Channel.Id == channel, TimeSpan.FromSeconds(30) - left.Elapsed);
        await asterisk.Client.HangupAsync(channel);
        await events.WaitForAsync<StasisEnd>(e => e.Channel.Id == channel);
    }

    [Fact]
    public async Task AnotherSocketThatStays_OursTakesTheApplicationBack_AfterTheTakeBackDelay()
    {
        await using var ours = await asterisk.ConnectAsync(App, o => o.TakeBackDelaySeconds = 1);
        await using var other = await RawEventSocket.ConnectAsync(App);
        await ours.WaitForStateAsync(s => s.IsReplaced, TimeSpan.FromSeconds(1));

        // Not at once (no tight loop), but within the delay: the other one is told it was replaced.
        Assert.DoesNotContain(nameof(ApplicationReplaced), other.Types);
        await other.WaitForAsync(nameof(ApplicationReplaced), TimeSpan.FromSeconds(5));
        var back = await ours.WaitForStateAsync(s => s.IsConnected, TimeSpan.FromSeconds(5));
        Assert.True(back.IsReconnect);
    }

    /// <summary>POST /events/user/{name}?application=: Asterisk delivers it (or not) before it answers.</summary>
    private static async Task<HttpStatusCode> SendUserEventAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8088/ari/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("phonegroups:phonegroups")));
        using var response = await http.PostAsync($"events/user/{name}?application={App}", content: null);
        return response.StatusCode;
    }

    /// <summary>A Local channel whose ;1 half enters our application once the ;2 half answers; returns the ;1 id.</summary>
    private async Task<string> CallIntoTheAppAsync()
    {
        var id = "it-replaced-" + Guid.NewGuid().ToString("N")[..8];
        await asterisk.Client.OriginateAsync(new OriginateRequest("Local/answer@phonegroups-sim") { App = App, ChannelId = id, OtherChannelId = id + "-2" });
        return id;
    }
}
